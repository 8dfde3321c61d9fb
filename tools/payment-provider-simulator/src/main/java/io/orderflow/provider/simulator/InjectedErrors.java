package io.orderflow.provider.simulator;

import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Response;

/**
 * The error answers a fault injects, each shaped as the real thing would be, so that a
 * client's classification of answers meets what it will meet in production: a 401 is a
 * refused key, a 404 is an unknown endpoint (no {@code code}, unlike a missing resource),
 * a 429 is the rate limiter. Details say "injected fault" for the person reading a log;
 * clients must not parse details.
 */
final class InjectedErrors {

	private InjectedErrors() {
	}

	/** An error answered before the call ran: nothing was booked. */
	static HttpProblem beforeExecution(int status, String path) {
		return switch (status) {
			case 401 -> ApiKey.unauthorized("api_key_invalid", "Invalid API key provided (injected fault)");
			case 403 -> new HttpProblem(403, "forbidden", "Forbidden",
					"The API key lacks permission for this request (injected fault)")
				.withCode("permission_denied");
			case 404 -> HttpProblem.notFound("No endpoint at " + path + " (injected fault)");
			case 408 -> new HttpProblem(408, "request-timeout", "Request timeout",
					"The provider gave up waiting for the request (injected fault); nothing was booked");
			case 429 -> RateLimiter.refusal("Too many requests (injected fault); retry after 1 second");
			case 502, 503, 504 -> gatewayError(status, "nothing was booked");
			default -> throw new IllegalArgumentException("No injected error before execution for " + status);
		};
	}

	/**
	 * A 502, 503 or 504 in place of the real answer, which the call produced and the
	 * gateway lost.
	 */
	static Response answerLost(int status, String path) {
		return gatewayError(status, "the request may have taken effect")
			.toResponse(PaymentProviderSimulator.PROBLEM_TYPES, path);
	}

	/**
	 * The provider failed while executing: before its effect (nothing booked) or after
	 * it. Either way the 500 is stored under the key, as Stripe stores its own 500s.
	 */
	static Response internalError(boolean afterEffect, String path) {
		String what = afterEffect ? "after the request took effect" : "before the request took effect";
		return new HttpProblem(500, "internal-error", "Internal error", "The provider failed " + what
				+ " (injected fault); retrying with the same idempotency key " + "replays this answer")
			.toResponse(PaymentProviderSimulator.PROBLEM_TYPES, path);
	}

	private static HttpProblem gatewayError(int status, String consequence) {
		return switch (status) {
			case 502 -> new HttpProblem(502, "bad-gateway", "Bad gateway",
					"Injected fault: the gateway got no valid answer from the payment provider; " + consequence);
			case 503 -> new HttpProblem(503, "provider-unavailable", "Provider unavailable",
					"Injected fault: the payment provider is temporarily unavailable; " + consequence)
				.withHeader("Retry-After", "1");
			case 504 -> new HttpProblem(504, "gateway-timeout", "Gateway timeout",
					"Injected fault: the gateway timed out waiting for the payment provider; " + consequence);
			default -> throw new IllegalArgumentException("Not a gateway error: " + status);
		};
	}

}
