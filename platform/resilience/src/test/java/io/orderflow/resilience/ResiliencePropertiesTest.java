package io.orderflow.resilience;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit test: one default for every edge, and per-edge overrides of only what differs, bound as Boot binds them. */
class ResiliencePropertiesTest {

	@Test
	void anEdgeWithoutOverridesGetsTheDefaults() {
		EdgeSettings edge = bind(Map.of()).edge("payment-provider");

		assertThat(edge.name()).isEqualTo("payment-provider");
		assertThat(edge.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(edge.retry().maxAttempts()).isEqualTo(3);
		assertThat(edge.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
		assertThat(edge.bulkhead().maxConcurrentCalls()).isEqualTo(10);
	}

	@Test
	void anEdgeOverridesOnlyWhatItNames() {
		ResilienceProperties properties = bind(Map.of("orderflow.resilience.defaults.timeout", "2s",
				"orderflow.resilience.edges.mail-server.retry.max-attempts", "1",
				"orderflow.resilience.edges.mail-server.circuit-breaker.wait-in-open-state", "30s"));

		EdgeSettings mail = properties.edge("mail-server");
		EdgeSettings other = properties.edge("payment-provider");

		assertThat(mail.retry().maxAttempts()).isEqualTo(1);
		assertThat(mail.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
		assertThat(mail.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(30));
		assertThat(mail.circuitBreaker().failureRateThreshold()).isEqualTo(50);
		assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(other.retry().maxAttempts()).isEqualTo(3);
		assertThat(other.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
	}

	private static ResilienceProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
			.bindOrCreate("orderflow.resilience", ResilienceProperties.class);
	}

}
