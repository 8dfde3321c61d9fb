package io.orderflow.payment.payments.provider;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the payment provider is ({@code orderflow.payment.provider.*}). How long to wait for it, how often to retry
 * and when to stop calling are the edge's resilience settings: {@code orderflow.resilience.edges.payment-provider}.
 */
@Validated
@ConfigurationProperties("orderflow.payment.provider")
public record PaymentProviderProperties(@NotNull @DefaultValue("http://localhost:8090") URI baseUrl,
		@NotNull @DefaultValue("1s") Duration connectTimeout) {
}
