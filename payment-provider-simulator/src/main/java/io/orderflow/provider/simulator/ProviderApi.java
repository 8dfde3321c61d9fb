package io.orderflow.provider.simulator;

/**
 * What every call of the provider's API ({@code POST /v1/charges}, {@code POST /v1/refunds} and
 * their lookups) passes before its operation runs, in this order: the API key, then the faults.
 * The simulator's own audit and admin endpoints are the test tool's, not the provider's: they
 * bypass it.
 */
final class ProviderApi {

	private final ApiKey apiKey;

	private final FaultInjector faults;

	private final RequestStats stats;

	ProviderApi(ApiKey apiKey, FaultInjector faults, RequestStats stats) {
		this.apiKey = apiKey;
		this.faults = faults;
		this.stats = stats;
	}

	/** The operation behind the key check, with the faults injected into it. */
	Endpoint endpoint(Endpoint operation) {
		Endpoint withFaults = faults.around(operation, stats);
		return request -> {
			apiKey.check(request.headers());
			return withFaults.handle(request);
		};
	}

}
