package io.orderflow.embedded.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.orderflow.embedded.kafka.KafkaTestClients.withShortTimeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A secured broker lets in only who logs in with a known user and password, and lets a
 * user who is in do nothing no ACL allows; its super users exist from the first start and
 * after a restart.
 */
class SecuredKafkaBrokerIT {

	private static final String TOPIC = "secured.topic";

	private static KafkaBroker broker;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaBroker.startSecured(0);
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void anAnonymousClientGetsNothingFromTheBroker() {
		Map<String, Object> anonymous = Map.of("bootstrap.servers", broker.bootstrapServers());
		try (Admin admin = Admin.create(withShortTimeouts(anonymous))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
				.withCauseInstanceOf(TimeoutException.class);
		}
	}

	@Test
	void aWrongPasswordOrAnUnknownUserIsRefused() {
		for (ScramLogin stranger : List.of(ScramLogin.generate(BrokerCredentials.ADMIN),
				ScramLogin.generate("mallory"))) {
			try (Admin admin = Admin.create(withShortTimeouts(clientOf(stranger)))) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
					.withCauseInstanceOf(SaslAuthenticationException.class);
			}
		}
	}

	@Test
	void theAdministratorIsASuperUser() throws Exception {
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).contains(TOPIC);
		}
	}

	@Test
	void aUserWhomNoAclAllowsAnythingCannotWrite() throws Exception {
		ScramLogin user = ScramLogin.generate("no-acl");
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			KafkaTestClients.createUser(admin, user);
		}
		Map<String, Object> config = withShortTimeouts(clientOf(user));
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		// the user reaches the broker's cache asynchronously: until then the login fails
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptionsInstanceOf(SaslAuthenticationException.class)
			.untilAsserted(() -> {
				try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
					assertThatExceptionOfType(ExecutionException.class)
						.isThrownBy(
								() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(20, TimeUnit.SECONDS))
						.withCauseInstanceOf(TopicAuthorizationException.class);
				}
			});
	}

	@Test
	void theSuperUsersSurviveARestart() throws Exception {
		broker.stop();
		broker.start();
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
		}
	}

	@Test
	void passwordsAreLettersAndDigitsThatFitAJaasLine() {
		assertThat(ScramLogin.generate("order-service").password()).matches("[A-Za-z0-9]{24}");
		assertThatIllegalArgumentException().isThrownBy(() -> new ScramLogin("admin", "secret\";evil=\"x"));
		assertThatIllegalArgumentException().isThrownBy(() -> BrokerCredentials.of("short", "alsoShort"));
		assertThat(broker.adminLogin().toString()).doesNotContain(broker.adminLogin().password());
	}

	@Test
	void anOpenBrokerHasNoUsers() {
		try (KafkaBroker open = KafkaBroker.start(0)) {
			assertThat(open.isSecured()).isFalse();
			assertThat(broker.isSecured()).isTrue();
			assertThatIllegalStateException().isThrownBy(open::adminLogin);
		}
	}

	private static Map<String, Object> clientOf(ScramLogin login) {
		return KafkaBroker.clientProperties(login, broker.bootstrapServers());
	}

}
