package io.orderflow.provider.simulator;

/**
 * One operation of the provider's API, reached once its caller passed the API key and the rate
 * limit, with the fault drawn for this call; refusals are thrown as {@link ApiException}.
 */
@FunctionalInterface
interface Operation {

	ApiResponse handle(ApiRequest request, InjectedFault fault);

}
