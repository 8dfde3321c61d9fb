package io.orderflow.payment.payments.provider;

/**
 * The provider refuses to serve payment-service at all: 401 (API key refused), 403 (key
 * lacks permission), 404 on the base path. A misconfiguration, so never a decline and
 * never a reason to reject an order: it counts against the circuit, which opens and
 * pauses the consumer (alerting as {@code CircuitBreakerOpen}), and records wait in Kafka
 * until someone fixes it. Not retried within the call: an immediate repeat cannot
 * succeed.
 */
final class ProviderOutage extends RuntimeException {

	ProviderOutage(String message) {
		super(message);
	}

}
