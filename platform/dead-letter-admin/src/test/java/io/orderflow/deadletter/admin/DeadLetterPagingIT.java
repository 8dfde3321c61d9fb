package io.orderflow.deadletter.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TestHttp;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.deadletter.DeadLetterStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter listing on a real broker: pages that follow one another through the
 * {@code Link} header are the whole listing, in order, none twice, whatever arrives
 * meanwhile; reads are bounded in number; dead-letter topics keep their records for the
 * configured retention.
 */
class DeadLetterPagingIT extends MessagingIntegrationTest {

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, "messaging-it");

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DeadLetterStore store;

	@Autowired
	MessagingProperties properties;

	@Test
	void pagesFollowingOneAnotherAreTheWholeListingInOrderNoneTwiceWhateverArrivesMeanwhile() {
		String run = UUID.randomUUID().toString();
		for (int i = 0; i < 8; i++) {
			writeDeadLetter(run + "-before-" + i);
		}
		List<String> whole = await().atMost(Duration.ofSeconds(20))
			.until(() -> addresses(list("/admin/dead-letters?limit=500")),
					found -> found.stream().filter(address -> address.contains(run)).count() == 8);

		List<String> walked = new ArrayList<>();
		HttpResponse<String> page = list("/admin/dead-letters?limit=3");
		walked.addAll(addresses(page));
		for (int i = 0; i < 4; i++) {
			writeDeadLetter(run + "-after-" + i);
		}
		Optional<String> next = next(page);
		while (next.isPresent()) {
			page = TestHttp.exchange(HttpRequest.newBuilder(URI.create(next.get())));
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			assertThat(addresses(page)).hasSizeLessThanOrEqualTo(3);
			walked.addAll(addresses(page));
			next = next(page);
		}

		assertThat(walked).doesNotHaveDuplicates().containsExactlyElementsOf(whole);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(addresses(list("/admin/dead-letters?limit=4")))
				.allSatisfy(address -> assertThat(address).contains(run + "-after-")));
	}

	@Test
	void readsBeyondTheBoundAreRefusedWithRetryAfterUntilAReaderIsFree() {
		List<DeadLetterStore.Reader> held = new ArrayList<>();
		try {
			for (int i = 0; i < properties.deadLetters().concurrentReads(); i++) {
				held.add(store.reader());
			}

			HttpResponse<String> refused = list("/admin/dead-letters");

			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(list("/admin/dead-letters/" + DLT + "/0/0").statusCode()).isEqualTo(503);
		}
		finally {
			held.forEach(DeadLetterStore.Reader::close);
		}
		assertThat(list("/admin/dead-letters").statusCode()).isEqualTo(200);
	}

	@Test
	void topicsAreDeclaredWithTheirRetentionsSegmentRollAndRecordSizes() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()))) {
			ConfigResource deadLetters = new ConfigResource(ConfigResource.Type.TOPIC, DLT);
			ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, PaymentEvent.TOPIC);
			Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(deadLetters, events)).all().get();

			assertThat(value(configs.get(deadLetters), TopicConfig.RETENTION_MS_CONFIG))
				.isEqualTo(Duration.ofDays(28).toMillis())
				.isEqualTo(properties.topics().deadLetterRetention().toMillis());
			assertThat(value(configs.get(deadLetters), TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
				.isEqualTo(properties.topics().deadLetterMaxMessageBytes());
			assertThat(value(configs.get(events), TopicConfig.RETENTION_MS_CONFIG))
				.isEqualTo(Duration.ofDays(7).toMillis());
			assertThat(value(configs.get(events), TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
				.isEqualTo(properties.topics().maxMessageSize().toBytes());
			for (Config config : configs.values()) {
				assertThat(value(config, TopicConfig.SEGMENT_MS_CONFIG)).isEqualTo(Duration.ofDays(1).toMillis());
			}
		}
	}

	private static long value(Config config, String name) {
		return Long.parseLong(config.get(name).value());
	}

	/**
	 * A dead letter as the error handler writes one, straight into the dead-letter topic.
	 */
	private static void writeDeadLetter(String key) {
		var record = new ProducerRecord<String, byte[]>(DLT, null, key,
				("{\"poison\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
		record.headers().add(ConsumerFailures.REASON_HEADER, "written by the test".getBytes(StandardCharsets.UTF_8));
		send(record);
	}

	private HttpResponse<String> list(String path) {
		return TestHttp.exchange(HttpRequest.newBuilder(TestHttp.uri(port, path)));
	}

	private static List<String> addresses(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		JsonNode deadLetters = json.readTree(page.body());
		return StreamSupport.stream(deadLetters.spliterator(), false)
			.map(node -> node.get("topic").asString() + "/" + node.get("partition").asInt() + "/"
					+ node.get("offset").asLong() + " " + node.path("key").asString(""))
			.toList();
	}

	private static Optional<String> next(HttpResponse<String> page) {
		return page.headers()
			.firstValue("Link")
			.map(NEXT::matcher)
			.filter(Matcher::find)
			.map(matcher -> matcher.group(1));
	}

}
