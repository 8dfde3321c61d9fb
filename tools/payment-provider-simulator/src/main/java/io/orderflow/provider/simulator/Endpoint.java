package io.orderflow.provider.simulator;

/**
 * What the {@link Router} calls for a path and method; refusals are thrown as {@link ApiException}.
 * The provider's API operations are {@link Operation}s behind {@link ProviderApi}.
 */
@FunctionalInterface
interface Endpoint {

	ApiResponse handle(ApiRequest request);

}
