package io.orderflow.provider.simulator;

/** One operation of the HTTP API; refusals are thrown as {@link ApiException}. */
@FunctionalInterface
interface Endpoint {

	ApiResponse handle(ApiRequest request);

}
