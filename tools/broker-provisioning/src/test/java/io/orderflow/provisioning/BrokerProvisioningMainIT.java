package io.orderflow.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.access.BrokerProvisioning;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The admin step as compose runs it, on a real secured broker: passwords from files, the
 * users then able to do what their ACLs allow, a second run changing nothing, and bad
 * settings refused with their name.
 */
class BrokerProvisioningMainIT {

	private static final List<String> USERS = List.of("order-service", "payment-service", "notification-service",
			"console");

	private static KafkaBroker broker;

	@TempDir
	static Path secrets;

	@BeforeAll
	static void startBroker() throws IOException {
		broker = KafkaBroker.startSecured(0);
		Files.writeString(secrets.resolve("kafka-admin-password"), broker.adminLogin().password() + "\n");
		for (String user : USERS) {
			Files.writeString(secrets.resolve("kafka-" + user + "-password"), ScramLogin.randomPassword());
		}
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void everyUserCanThenDoWhatItsAclsAllowAndASecondRunChangesNothing() throws Exception {
		Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "KAFKA_ADMIN_MECHANISM",
				"SCRAM-SHA-512", "KAFKA_ADMIN_PASSWORD_FILE", secrets.resolve("kafka-admin-password").toString(),
				"KAFKA_PASSWORDS_DIRECTORY", secrets.toString());

		Map<String, String> users = BrokerProvisioningMain.provision(env);
		Map<String, String> again = BrokerProvisioningMain.provision(env);

		assertThat(users).containsOnlyKeys(USERS).isEqualTo(again);
		assertThat(users.get("payment-service"))
			.isEqualTo(Files.readString(secrets.resolve("kafka-payment-service-password")));
		ScramLogin payment = new ScramLogin("payment-service", users.get("payment-service"));
		Map<String, Object> paymentClient = new HashMap<>(payment.clientProperties());
		paymentClient.put("bootstrap.servers", broker.bootstrapServers());
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			new BrokerProvisioning(admin, Duration.ofSeconds(30)).awaitEffective(paymentClient, OrderEvent.TOPIC);
		}
		try (Admin asPayment = Admin.create(paymentClient)) {
			TopicDescription orders = asPayment.describeTopics(List.of(OrderEvent.TOPIC))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(OrderEvent.TOPIC);
			assertThat(orders.partitions()).hasSize(3);
		}
	}

	@Test
	void badSettingsAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerProvisioningMain.adminProperties(Map.of()))
			.withMessageContaining("KAFKA_ADMIN_PASSWORD_FILE");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BrokerProvisioningMain.adminProperties(Map.of("KAFKA_ADMIN_MECHANISM", "GSSAPI")))
			.withMessageContaining("KAFKA_ADMIN_MECHANISM");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BrokerProvisioningMain
				.adminProperties(Map.of("KAFKA_ADMIN_PASSWORD_FILE", secrets.resolve("missing").toString())))
			.withMessageContaining("missing");
	}

	@Test
	void aPasswordKafkaCouldNotTakeIsRefusedBeforeAnythingIsCreated() throws IOException {
		Path file = Files.writeString(secrets.resolve("kafka-admin-password-with-quote"), "pass\"word; x");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> BrokerProvisioningMain.adminProperties(Map.of("KAFKA_ADMIN_PASSWORD_FILE", file.toString())))
			.withMessageContaining("letters and digits");
	}

}
