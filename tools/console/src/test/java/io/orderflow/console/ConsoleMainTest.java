package io.orderflow.console;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConsoleMainTest {

	@Test
	void withoutEnvironmentItUsesTheLocalPortsOfTheDemo() {
		ConsoleSettings settings = ConsoleMain.settings(Map.of());

		assertThat(settings.address().getPort()).isEqualTo(8080);
		assertThat(settings.address().getHostString()).isEqualTo("127.0.0.1");
		assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
		assertThat(settings.service(ConsoleSettings.PAYMENT_SERVICE).baseUri())
			.isEqualTo(URI.create("http://localhost:8082"));
		assertThat(settings.service(ConsoleSettings.PAYMENT_SERVICE).managementUri())
			.isEqualTo(URI.create("http://localhost:9182"));
		assertThat(settings.provider()).isEqualTo(URI.create("http://localhost:8090"));
		assertThat(settings.identity())
			.isEqualTo(ConsoleIdentity.demo(URI.create("http://localhost:9000/oauth2/token")));
		assertThat(settings.serviceControls()).isEmpty();
	}

	@Test
	void composeSettingsComeFromTheEnvironment() {
		ConsoleSettings settings = ConsoleMain.settings(Map.of("PORT", "8080", "BIND_ADDRESS", "0.0.0.0",
				"KAFKA_BOOTSTRAP_SERVERS", "kafka:19092", "ORDER_SERVICE_URL", "http://order-service:8081",
				"ORDER_SERVICE_MANAGEMENT_URL", "http://order-service:9181", "TOKEN_URL",
				"http://authorization-server:9000/oauth2/token", "OPERATOR_CLIENT_SECRET", "s3cret"));

		assertThat(settings.address().getHostString()).isEqualTo("0.0.0.0");
		assertThat(settings.bootstrapServers()).isEqualTo("kafka:19092");
		assertThat(settings.service(ConsoleSettings.ORDER_SERVICE).baseUri())
			.isEqualTo(URI.create("http://order-service:8081"));
		assertThat(settings.service(ConsoleSettings.ORDER_SERVICE).managementUri())
			.isEqualTo(URI.create("http://order-service:9181"));
		assertThat(settings.identity()).isEqualTo(new ConsoleIdentity(
				URI.create("http://authorization-server:9000/oauth2/token"), "ops", "s3cret", "customer-c-42", "demo"));
		assertThat(settings.identity().toString()).doesNotContain("s3cret");
	}

	@Test
	void badSettingsAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(Map.of("PORT", "eighty")))
			.withMessageContaining("PORT");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(Map.of("PORT", "70000")))
			.withMessageContaining("PORT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleMain.settings(Map.of("PAYMENT_PROVIDER_URL", "ftp://provider")))
			.withMessageContaining("PAYMENT_PROVIDER_URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleMain.settings(Map.of("ORDER_SERVICE_URL", "not a url")))
			.withMessageContaining("ORDER_SERVICE_URL");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(Map.of("TOKEN_URL", "nowhere")))
			.withMessageContaining("TOKEN_URL");
	}

}
