package io.orderflow.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.orderflow.probes.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConsoleMainTest {

	/** The one setting without a default: the console's Kafka password. */
	private static final Map<String, String> PASSWORD = Map.of("KAFKA_PASSWORD", "consolePassword1");

	@Test
	void withoutEnvironmentItUsesTheLocalPortsOfTheDemo() {
		ConsoleSettings settings = ConsoleMain.settings(PASSWORD);

		assertThat(settings.address().getPort()).isEqualTo(8080);
		assertThat(settings.address().getHostString()).isEqualTo("127.0.0.1");
		assertThat(settings.kafka()).isEqualTo(new KafkaConnection("localhost:9092", "console", "consolePassword1"));
		assertThat(settings.faultInjector()).isNull();
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
	void composeSettingsComeFromTheEnvironment(@TempDir Path secrets) throws IOException {
		Path password = Files.writeString(secrets.resolve("kafka-console-password"), "fromASecretFile1\n");
		ConsoleSettings settings = ConsoleMain
			.settings(Map.of("PORT", "8080", "BIND_ADDRESS", "0.0.0.0", "KAFKA_BOOTSTRAP_SERVERS", "kafka:19092",
					"KAFKA_PASSWORD_FILE", password.toString(), "ORDER_SERVICE_URL", "http://order-service:8081",
					"ORDER_SERVICE_MANAGEMENT_URL", "http://order-service:9181", "TOKEN_URL",
					"http://authorization-server:9000/oauth2/token", "OPERATOR_CLIENT_SECRET", "s3cret"));

		assertThat(settings.address().getHostString()).isEqualTo("0.0.0.0");
		assertThat(settings.kafka()).isEqualTo(new KafkaConnection("kafka:19092", "console", "fromASecretFile1"));
		assertThat(settings.kafka().toString()).doesNotContain("fromASecretFile1");
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
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(with("PORT", "eighty")))
			.withMessageContaining("PORT");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(with("PORT", "70000")))
			.withMessageContaining("PORT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleMain.settings(with("PAYMENT_PROVIDER_URL", "ftp://provider")))
			.withMessageContaining("PAYMENT_PROVIDER_URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleMain.settings(with("ORDER_SERVICE_URL", "not a url")))
			.withMessageContaining("ORDER_SERVICE_URL");
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(with("TOKEN_URL", "nowhere")))
			.withMessageContaining("TOKEN_URL");
	}

	@Test
	void withoutAKafkaPasswordItDoesNotStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConsoleMain.settings(Map.of()))
			.withMessageContaining("KAFKA_PASSWORD_FILE");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConsoleMain.settings(Map.of("KAFKA_PASSWORD_FILE", "/nonexistent/kafka-password")))
			.withMessageContaining("/nonexistent/kafka-password");
	}

	private static Map<String, String> with(String name, String value) {
		Map<String, String> env = new HashMap<>(PASSWORD);
		env.put(name, value);
		return env;
	}

}
