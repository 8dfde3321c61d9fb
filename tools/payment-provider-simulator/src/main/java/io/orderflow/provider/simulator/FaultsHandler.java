package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * {@code GET} and {@code PUT /v1/admin/faults}: reads or replaces the injected faults and
 * the rate limit while the provider runs, e.g. from a demo script, the console or a fault
 * test.
 */
final class FaultsHandler {

	private static final Set<String> FIELDS = Set.of("latencyMs", "errorRate", "errorStatus", "errorAfterEffect",
			"nonJsonOk", "rateLimitPerSecond");

	private final FaultInjector faults;

	FaultsHandler(FaultInjector faults) {
		this.faults = faults;
	}

	Response get(Request request) {
		return Response.of(200, FaultsView.of(faults.settings()));
	}

	/**
	 * A PUT replaces the whole setting. {@code latencyMs} and {@code errorRate} are
	 * required, as they always were; the fields added later are optional and take their
	 * defaults when absent, so that a client written before them still switches every
	 * fault off with {@code {"latencyMs":0,"errorRate":0}}.
	 */
	Response put(Request request) {
		JsonFields fields = JsonFields.of(request.body(), FIELDS);
		FaultSettings settings;
		try {
			settings = new FaultSettings(Duration.ofMillis(fields.requiredLong("latencyMs")),
					fields.requiredNumber("errorRate"),
					fields.optionalInt("errorStatus").orElse(FaultSettings.DEFAULT_ERROR_STATUS),
					fields.optionalBoolean("errorAfterEffect").orElse(false),
					fields.optionalBoolean("nonJsonOk").orElse(false),
					fields.optionalInt("rateLimitPerSecond").orElse(0));
		}
		catch (IllegalArgumentException ex) {
			// FaultSettings names the fields of this body in its messages
			throw HttpProblem.invalidRequest(ex.getMessage());
		}
		faults.set(settings);
		return get(request);
	}

	@JsonPropertyOrder({ "latencyMs", "errorRate", "errorStatus", "errorAfterEffect", "nonJsonOk",
			"rateLimitPerSecond" })
	private record FaultsView(long latencyMs, double errorRate, int errorStatus, boolean errorAfterEffect,
			boolean nonJsonOk, int rateLimitPerSecond) {

		static FaultsView of(FaultSettings settings) {
			return new FaultsView(settings.latency().toMillis(), settings.errorRate(), settings.errorStatus(),
					settings.errorAfterEffect(), settings.nonJsonOk(), settings.rateLimitPerSecond());
		}

	}

}
