package io.orderflow.provider.simulator;

import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * One operation of the provider's API, reached once its caller passed the API key and the
 * rate limit, with the fault drawn for this call; refusals are thrown as
 * {@link HttpProblem}.
 */
@FunctionalInterface
interface Operation {

	Response handle(Request request, InjectedFault fault);

}
