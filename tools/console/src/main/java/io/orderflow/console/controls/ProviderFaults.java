package io.orderflow.console.controls;

import java.net.URI;
import java.util.Map;

import io.orderflow.console.client.JsonHttp;
import tools.jackson.databind.JsonNode;

/**
 * Sets the payment provider's injected latency and error rate through the simulator's
 * admin API.
 */
final class ProviderFaults {

	/** The simulator's own limit. */
	static final long MAX_LATENCY_MS = 60_000;

	private final JsonHttp http;

	private final URI provider;

	ProviderFaults(JsonHttp http, URI provider) {
		this.http = http;
		this.provider = provider;
	}

	/**
	 * @return the settings the simulator now has
	 */
	JsonNode set(long latencyMs, double errorRate) {
		JsonHttp.Answer answer = http.put(provider.resolve("/v1/admin/faults"),
				Map.of("latencyMs", latencyMs, "errorRate", errorRate));
		if (!answer.answered()) {
			throw CommandException.unavailable("The payment provider did not answer: " + answer.explanation());
		}
		if (!answer.ok()) {
			throw new CommandException(answer.status() / 100 == 4 ? 400 : 502, "Faults not set",
					"The payment provider refused: " + answer.explanation());
		}
		return answer.json();
	}

}
