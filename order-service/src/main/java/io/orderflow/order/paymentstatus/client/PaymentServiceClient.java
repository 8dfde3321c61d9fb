package io.orderflow.order.paymentstatus.client;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.paymentstatus.PaymentServiceQuery;
import io.orderflow.order.paymentstatus.PaymentStatusView;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * payment-service's read API over HTTP, through the resilient edge {@code payment-service}: short timeout, a
 * retry (a GET is idempotent), a circuit breaker and a bulkhead, so a slow payment-service costs order-service a
 * bounded wait and then nothing at all while its circuit is open.
 */
@Component
class PaymentServiceClient implements PaymentServiceQuery {

	private final RestClient http;

	private final ResilientEdge edge;

	PaymentServiceClient(RestClient.Builder builder, Properties properties, ResilientEdges edges) {
		this.edge = edges.edge(EDGE, TransientFailure.class);
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(edge.timeout()).build());
		requestFactory.setReadTimeout(edge.timeout());
		this.http = builder.baseUrl(properties.baseUrl().toString()).requestFactory(requestFactory).build();
	}

	@Override
	public Optional<PaymentStatusView> paymentOf(UUID orderId) {
		return edge.call(() -> {
			try {
				Payment[] payments = http.get()
					.uri("/api/payments?orderId={id}", orderId)
					.retrieve()
					.onStatus(status -> status.is5xxServerError(), (request, response) -> {
						throw new TransientFailure("payment-service answered " + response.getStatusCode());
					})
					.body(Payment[].class);
				return payments == null || payments.length == 0 ? Optional.empty()
						: Optional.of(payments[0].toView());
			}
			catch (ResourceAccessException ex) {
				throw new TransientFailure("payment-service did not answer: " + ex.getMessage());
			}
		});
	}

	/** The fields of payment-service's payment this view needs. */
	record Payment(UUID orderId, String status, BigDecimal amount, String currency, String chargeId,
			String declineReason, String refundId, Instant updatedAt) {

		PaymentStatusView toView() {
			return new PaymentStatusView(orderId, status, PaymentStatusView.Source.LIVE, amount, currency, chargeId,
					refundId, declineReason, updatedAt);
		}

	}

	/** Network failure, timeout or 5xx: counts against the circuit, worth a retry. */
	static final class TransientFailure extends RuntimeException {

		TransientFailure(String message) {
			super(message);
		}

	}

	/** Where payment-service is ({@code orderflow.order.payment-service.base-url}). */
	@Validated
	@ConfigurationProperties("orderflow.order.payment-service")
	record Properties(@NotNull @DefaultValue("http://localhost:8082") URI baseUrl) {
	}

}
