package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.Set;

/**
 * {@code GET} and {@code PUT /v1/admin/faults}: reads or replaces the injected latency and error
 * rate while the provider runs, e.g. from a demo script or a fault test.
 */
final class FaultsHandler {

	private static final Set<String> FIELDS = Set.of("latencyMs", "errorRate");

	private final FaultInjector faults;

	FaultsHandler(FaultInjector faults) {
		this.faults = faults;
	}

	ApiResponse get(ApiRequest request) {
		return ApiResponse.of(200, FaultsView.of(faults.settings()));
	}

	/** Both fields are required: a PUT replaces the whole setting. */
	ApiResponse put(ApiRequest request) {
		JsonFields fields = JsonFields.of(request.body(), FIELDS);
		long latencyMs = fields.requiredLong("latencyMs");
		double errorRate = fields.requiredNumber("errorRate");
		if (latencyMs < 0 || latencyMs > FaultSettings.MAX_LATENCY.toMillis()) {
			throw ApiException
				.invalidRequest("'latencyMs' must be between 0 and " + FaultSettings.MAX_LATENCY.toMillis());
		}
		if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
			throw ApiException.invalidRequest("'errorRate' must be between 0.0 and 1.0");
		}
		faults.set(Duration.ofMillis(latencyMs), errorRate);
		return get(request);
	}

	private record FaultsView(long latencyMs, double errorRate) {

		static FaultsView of(FaultSettings settings) {
			return new FaultsView(settings.latency().toMillis(), settings.errorRate());
		}

	}

}
