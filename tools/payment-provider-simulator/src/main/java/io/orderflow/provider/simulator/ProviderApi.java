package io.orderflow.provider.simulator;

import io.orderflow.probes.http.Endpoint;

/**
 * What every call of the provider's API ({@code POST /v1/charges},
 * {@code POST /v1/refunds} and their lookups) passes before its operation runs, in this
 * order: the API key, the rate limit, then the faults that strike before anything runs.
 * Each is answered without reading the body, as a real provider's edge does. The
 * simulator's own audit and admin endpoints are the test tool's, not the provider's: they
 * bypass all of it.
 */
final class ProviderApi {

	private final ApiKey apiKey;

	private final RateLimiter rateLimiter;

	private final FaultInjector faults;

	ProviderApi(ApiKey apiKey, RateLimiter rateLimiter, FaultInjector faults) {
		this.apiKey = apiKey;
		this.rateLimiter = rateLimiter;
		this.faults = faults;
	}

	Endpoint endpoint(Operation operation) {
		return request -> {
			apiKey.check(request.headers());
			rateLimiter.acquire(faults.settings().rateLimitPerSecond());
			InjectedFault fault = faults.draw();
			fault.answerBeforeExecution(request.path());
			return operation.handle(request, fault);
		};
	}

}
