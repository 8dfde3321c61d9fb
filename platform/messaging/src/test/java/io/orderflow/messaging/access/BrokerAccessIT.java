package io.orderflow.messaging.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.access.BrokerProvisioning.Viewer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * On a real secured broker provisioned from the AsyncAPI document: each service can do
 * what the document says it does and nothing else, so a forged {@code OrderPlaced} or
 * {@code PaymentAuthorized} needs the credentials of the service that owns the topic, and
 * a service replays its dead letters to its own replay topic, never to the topic it
 * consumes; the console reads everything and writes nothing.
 */
class BrokerAccessIT {

	private static final String ORDER_EVENTS = "orderflow.order.events";

	private static final String PAYMENT_EVENTS = "orderflow.payment.events";

	private static final String PAYMENT_SERVICE_REPLAYS = "orderflow.order.events.payment-service.replay";

	private static final String CONSOLE_GROUP = "orderflow-console";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final EventTopology TOPOLOGY = EventTopology.fromAsyncApi();

	private static final Map<String, ScramLogin> LOGINS = new LinkedHashMap<>();

	private static KafkaBroker broker;

	@BeforeAll
	static void provision() {
		broker = KafkaBroker.startSecured(0);
		for (String user : List.of("order-service", "payment-service", "notification-service", "console")) {
			LOGINS.put(user, ScramLogin.generate(user));
		}
		Map<String, String> passwords = new HashMap<>();
		LOGINS.forEach((user, login) -> passwords.put(user, login.password()));
		ScramLogin injector = ScramLogin.generate(BrokerProvisioning.FAULT_INJECTOR);
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			var provisioning = new BrokerProvisioning(admin, TIMEOUT);
			provisioning.provision(TOPOLOGY, MessagingProperties.defaults().topics(), passwords,
					new Viewer("console", CONSOLE_GROUP));
			provisioning.grantFaultInjector(TOPOLOGY, injector.password());
		}
		LOGINS.put(injector.username(), injector);
		// users and ACLs reach the broker's caches asynchronously; the fault injector's
		// ACLs came last
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
			try (Admin console = admin("console")) {
				assertThat(console.listTopics().names().get(5, TimeUnit.SECONDS)).containsAll(TOPOLOGY.topics());
			}
			try (Admin faults = admin(injector.username())) {
				assertThat(faults.listTopics().names().get(5, TimeUnit.SECONDS)).contains(ORDER_EVENTS);
			}
		});
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aTopicMadeWithOtherSettingsGetsTodaysWhenProvisionedAgain() throws Exception {
		var orders = new ConfigResource(ConfigResource.Type.TOPIC, "orderflow.order.events");
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			// as an older version might have made it: a smaller record size limit
			admin.incrementalAlterConfigs(Map.of(orders,
					List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"),
							AlterConfigOp.OpType.SET))))
				.all()
				.get();
			assertThat(maxMessageBytes(admin, orders)).isEqualTo("1048588");

			new BrokerProvisioning(admin, TIMEOUT).createTopics(TOPOLOGY, MessagingProperties.defaults().topics());

			assertThat(maxMessageBytes(admin, orders))
				.isEqualTo(String.valueOf(MessagingProperties.defaults().topics().maxMessageSize().toBytes()));
		}
	}

	private static String maxMessageBytes(Admin admin, ConfigResource topic) throws Exception {
		return admin.describeConfigs(List.of(topic))
			.all()
			.get()
			.get(topic)
			.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
			.value();
	}

	@Test
	void provisioningTwiceChangesNothingAndCreatesTheTopicsAsTheServicesWould() throws Exception {
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			int before = admin.describeAcls(AclBindingFilter.ANY).values().get().size();
			Map<String, String> passwords = new HashMap<>();
			LOGINS.forEach((user, login) -> passwords.put(user, login.password()));
			new BrokerProvisioning(admin, TIMEOUT).provision(TOPOLOGY, MessagingProperties.defaults().topics(),
					passwords, new Viewer("console", CONSOLE_GROUP));

			List<AclBinding> granted = new ArrayList<>(LeastPrivilegeAcls.forServices(TOPOLOGY));
			granted.addAll(LeastPrivilegeAcls.forViewer(TOPOLOGY, "console", CONSOLE_GROUP));
			granted.addAll(LeastPrivilegeAcls.forFaultInjector(TOPOLOGY, BrokerProvisioning.FAULT_INJECTOR));
			assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).hasSize(before)
				.containsExactlyInAnyOrderElementsOf(granted);
			Map<String, TopicDescription> topics = admin.describeTopics(TOPOLOGY.topics()).allTopicNames().get();
			assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
			var dlt = new ConfigResource(ConfigResource.Type.TOPIC, "orderflow.order.events.payment-service.dlt");
			assertThat(admin.describeConfigs(List.of(dlt))
				.all()
				.get()
				.get(dlt)
				.get(TopicConfig.RETENTION_MS_CONFIG)
				.value()).isEqualTo(String.valueOf(Duration.ofDays(28).toMillis()));
			var replay = new ConfigResource(ConfigResource.Type.TOPIC, PAYMENT_SERVICE_REPLAYS);
			assertThat(admin.describeConfigs(List.of(replay))
				.all()
				.get()
				.get(replay)
				.get(TopicConfig.RETENTION_MS_CONFIG)
				.value()).as("a replay topic is made as an event topic")
				.isEqualTo(String.valueOf(MessagingProperties.defaults().topics().retention().toMillis()));
		}
	}

	@ParameterizedTest(name = "{0} writes {1} but cannot forge {4} on {3}")
	@CsvSource({
			"payment-service, orderflow.payment.events, orderflow.payment.authorized.v1, orderflow.order.events, orderflow.order.placed.v1",
			"order-service, orderflow.order.events, orderflow.order.placed.v1, orderflow.payment.events, orderflow.payment.authorized.v1" })
	void aServiceWritesItsOwnEventsButCannotForgeAnotherServicesEvent(String service, String ownTopic, String ownType,
			String foreignTopic, String forgedType) throws Exception {
		try (var producer = producer(service)) {
			assertThat(send(producer, ownTopic, ownType)).isNotNull();

			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> send(producer, foreignTopic, forgedType))
				.withCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void notificationServiceWritesOnlyItsDeadLetterTopic() throws Exception {
		try (var notification = producer("notification-service")) {
			assertThat(send(notification, "orderflow.order.events.notification-service.dlt", "dead-letter"))
				.isNotNull();

			for (String topic : List.of(ORDER_EVENTS, PAYMENT_EVENTS, "orderflow.order.events.payment-service.dlt")) {
				assertThatExceptionOfType(ExecutionException.class).as(topic)
					.isThrownBy(() -> send(notification, topic, "forged"))
					.withCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
	}

	@Test
	void paymentServiceReplaysToItsOwnReplayTopicButCannotWriteTheTopicItConsumesNorAnotherGroupsReplays()
			throws Exception {
		try (var payment = producer("payment-service")) {
			String replayed = send(payment, PAYMENT_SERVICE_REPLAYS, "orderflow.order.placed.v1");

			for (String topic : List.of(ORDER_EVENTS, "orderflow.order.events.notification-service.replay",
					"orderflow.payment.events.order-service.replay")) {
				assertThatExceptionOfType(ExecutionException.class).as(topic)
					.isThrownBy(() -> send(payment, topic, "orderflow.order.placed.v1"))
					.withCauseInstanceOf(TopicAuthorizationException.class);
			}
			assertThat(consumedBy("payment-service", "payment-service", PAYMENT_SERVICE_REPLAYS, replayed))
				.contains(replayed);
		}
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.as("another group reads no replay of payment-service")
			.isThrownBy(
					() -> consumedBy("notification-service", "notification-service", PAYMENT_SERVICE_REPLAYS, null));
		assertThatExceptionOfType(ExecutionException.class).as("nor writes one")
			.isThrownBy(() -> sendAs("notification-service", PAYMENT_SERVICE_REPLAYS, "orderflow.order.placed.v1"))
			.withCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void theFaultInjectorWritesTheEventTopicsButNoDeadLetterNorReplayAndReadsNothing() throws Exception {
		try (var injector = producer(BrokerProvisioning.FAULT_INJECTOR)) {
			assertThat(send(injector, ORDER_EVENTS, "orderflow.console.poison.v1")).isNotNull();
			assertThat(send(injector, PAYMENT_EVENTS, "orderflow.console.poison.v1")).isNotNull();

			for (String topic : List.of("orderflow.order.events.payment-service.dlt", PAYMENT_SERVICE_REPLAYS)) {
				assertThatExceptionOfType(ExecutionException.class).as(topic)
					.isThrownBy(() -> send(injector, topic, "forged"))
					.withCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> consumedBy(BrokerProvisioning.FAULT_INJECTOR, CONSOLE_GROUP, ORDER_EVENTS, null));
	}

	@Test
	void eachServiceConsumesItsTopicsInItsOwnGroup() throws Exception {
		String paymentEvent = sendAs("payment-service", PAYMENT_EVENTS, "orderflow.payment.authorized.v1");
		String orderEvent = sendAs("order-service", ORDER_EVENTS, "orderflow.order.placed.v1");

		assertThat(consumedBy("order-service", "order-service", PAYMENT_EVENTS, paymentEvent)).contains(paymentEvent);
		assertThat(consumedBy("payment-service", "payment-service", ORDER_EVENTS, orderEvent)).contains(orderEvent);
		assertThat(consumedBy("notification-service", "notification-service", ORDER_EVENTS, orderEvent))
			.contains(orderEvent);
	}

	@Test
	void noServiceJoinsAnotherServicesGroupOrReadsATopicItDoesNotConsume() {
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> consumedBy("notification-service", "payment-service", ORDER_EVENTS, null));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> consumedBy("order-service", "order-service", ORDER_EVENTS, null));
		assertThatExceptionOfType(TopicAuthorizationException.class)
			.isThrownBy(() -> consumedBy("payment-service", "payment-service", PAYMENT_EVENTS, null));
	}

	@Test
	void theConsoleReadsEverythingAndWritesNothing() throws Exception {
		String orderEvent = sendAs("order-service", ORDER_EVENTS, "orderflow.order.placed.v1");
		String deadLetter = sendAs("payment-service", "orderflow.order.events.payment-service.dlt", "dead-letter");
		assertThat(consumedBy("console", CONSOLE_GROUP, ORDER_EVENTS, orderEvent)).contains(orderEvent);
		assertThat(consumedBy("console", CONSOLE_GROUP, "orderflow.order.events.payment-service.dlt", deadLetter))
			.contains(deadLetter);

		Map<String, Object> config = client("console");
		// without idempotence the refusal is the topic's, not the missing right to get a
		// producer id
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		try (var console = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			for (String topic : TOPOLOGY.topics()) {
				assertThatExceptionOfType(ExecutionException.class).as(topic)
					.isThrownBy(() -> send(console, topic, "forged"))
					.withCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
		assertThatExceptionOfType(GroupAuthorizationException.class)
			.isThrownBy(() -> consumedBy("console", "order-service", ORDER_EVENTS, null));
	}

	@Test
	void theConsoleSeesTheServicesOffsetsForTheirLag() throws Exception {
		String orderEvent = sendAs("order-service", ORDER_EVENTS, "orderflow.order.placed.v1");
		consumedBy("payment-service", "payment-service", ORDER_EVENTS, orderEvent);
		try (Admin console = admin("console")) {
			assertThat(console.listConsumerGroupOffsets("payment-service")
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)).isNotEmpty();
		}
	}

	private static String send(KafkaProducer<String, String> producer, String topic, String type)
			throws ExecutionException {
		String key = UUID.randomUUID().toString();
		var record = new ProducerRecord<>(topic, key, "{}");
		record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
		try {
			producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return key;
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sendAs(String user, String topic, String type) throws ExecutionException {
		try (var producer = producer(user)) {
			return send(producer, topic, type);
		}
	}

	/**
	 * The keys a consumer of the user reads in the group, from the group's offsets or the
	 * beginning, until it has read {@code until} (then it commits) or ten seconds passed.
	 */
	private static List<String> consumedBy(String user, String group, String topic, String until) {
		Map<String, Object> config = client(user);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<String> keys = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline && !keys.contains(until)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					keys.add(record.key());
				}
			}
			if (keys.contains(until)) {
				consumer.commitSync();
			}
		}
		return keys;
	}

	private static KafkaProducer<String, String> producer(String user) {
		Map<String, Object> config = client(user);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static Admin admin(String user) {
		return Admin.create(client(user));
	}

	private static Map<String, Object> client(String user) {
		Map<String, Object> config = new HashMap<>(LOGINS.get(user).clientProperties());
		config.put("bootstrap.servers", broker.bootstrapServers());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		return config;
	}

}
