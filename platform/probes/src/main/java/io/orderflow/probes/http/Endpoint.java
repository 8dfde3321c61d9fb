package io.orderflow.probes.http;

/**
 * What the {@link Router} calls for a path and method; refusals are thrown as
 * {@link HttpProblem}.
 */
@FunctionalInterface
public interface Endpoint {

	Response handle(Request request);

}
