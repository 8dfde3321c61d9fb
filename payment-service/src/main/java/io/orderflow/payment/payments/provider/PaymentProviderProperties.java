package io.orderflow.payment.payments.provider;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the payment provider is and how payment-service identifies itself to it
 * ({@code orderflow.payment.provider.*}). How long to wait for it, how often to retry and
 * when to stop calling are the edge's resilience settings: the one default every edge
 * shares (platform/resilience), overridden for this edge under
 * {@code resilience4j.*.instances.payment-provider}.
 *
 * @param apiKey the provider's secret API key, sent as {@code Authorization: Bearer}. A
 * secret: it has no default and comes from the environment
 * ({@code ORDERFLOW_PAYMENT_PROVIDER_API_KEY}), never from a file in the repository
 */
@Validated
@ConfigurationProperties("orderflow.payment.provider")
public record PaymentProviderProperties(@NotNull @DefaultValue("http://localhost:8090") URI baseUrl,
		@NotNull @DefaultValue("1s") Duration connectTimeout, @NotBlank String apiKey) {

	/** The key stays out of logs and actuator output. */
	@Override
	public String toString() {
		return "PaymentProviderProperties[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", apiKey=***]";
	}

}
