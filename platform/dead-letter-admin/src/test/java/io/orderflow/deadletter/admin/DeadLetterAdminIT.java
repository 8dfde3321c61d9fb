package io.orderflow.deadletter.admin;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.MessagingTestApplication;
import io.orderflow.messaging.TestEffects;
import io.orderflow.messaging.TestHttp;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.deadletter.DeadLetterMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter admin API and gauge on a real broker and database: dead letters carry
 * their reason and attempt count, can be listed, inspected, replayed once the cause is
 * gone (with the effect happening once, however often it is replayed) and discarded;
 * anything that is not one of the service's dead letters is a problem, never a 5xx. A
 * replay goes to the group's replay topic, which its listener reads as the source topic,
 * not to the source topic, which every group reads; a replay that fails again is a dead
 * letter of the source topic again.
 */
class DeadLetterAdminIT extends MessagingIntegrationTest {

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, "messaging-it");

	private static final String REPLAYS = ReplayTopics.of(PaymentEvent.TOPIC, "messaging-it");

	private static final Duration SOON = Duration.ofSeconds(20);

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessagingProperties properties;

	@Autowired
	MessagingTestApplication.RecordingListener listener;

	@Test
	void aRecordThatKeepsFailingIsDeadLetteredWithItsAttemptsAndReplayedOnceTheCauseIsGoneWithItsEffectOnce() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		listener.failAlways(event.orderId());
		send(record(event));

		JsonNode listed = awaitListed(event.orderId().toString());
		assertThat(listed.get("topic").asString()).isEqualTo(DLT);
		assertThat(listed.get("attempts").asInt()).isEqualTo(3);
		assertThat(listed.get("reason").asString()).contains("induced failure");
		assertThat(listed.get("type").asString()).isEqualTo("orderflow.payment.authorized.v1");
		assertThat(listed.get("eventId").asString()).isEqualTo(event.eventId().toString());
		assertThat(listed.get("originalTopic").asString()).isEqualTo(PaymentEvent.TOPIC);
		assertThat(listed.get("originalPartition").isInt()).isTrue();
		assertThat(listed.get("originalOffset").isNumber()).isTrue();
		assertThat(listed.get("payload").get("encoding").asString()).isEqualTo("utf-8");
		assertThat(listed.get("payload").get("content").asString()).contains(event.eventId().toString());
		assertThat(listed.has("headers")).isFalse();
		assertThat(effects(event.orderId())).isZero();

		String path = address(listed);
		HttpResponse<String> inspected = get(path);
		assertThat(inspected.statusCode()).isEqualTo(200);
		JsonNode one = json.readTree(inspected.body());
		assertThat(headerNames(one)).contains("kafka_dlt-exception-message", "orderflow_dlt-reason",
				"orderflow_dlt-attempts", "ce_id");
		assertThat(headerValue(one, "kafka_dlt-original-offset")).isEqualTo(listed.get("originalOffset").asString());
		HttpResponse<String> payload = get(path + "/payload");
		assertThat(payload.statusCode()).isEqualTo(200);
		assertThat(payload.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(payload.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(disposition -> assertThat(disposition).startsWith("attachment"));
		assertThat(payload.body()).isEqualTo(new String(new EventJson().write(event), StandardCharsets.UTF_8));

		listener.clearFailures(event.orderId());
		HttpResponse<String> replayed = post(path + "/replay");
		assertThat(replayed.statusCode()).isEqualTo(200);
		JsonNode replayedTo = json.readTree(replayed.body()).get("replayedTo");
		assertThat(replayedTo.get("topic").asString()).isEqualTo(REPLAYS);
		await().atMost(SOON).until(() -> effects(event.orderId()) == 1);
		ConsumerRecord<String, byte[]> replay = Infrastructure.readAll(REPLAYS)
			.stream()
			.filter(record -> record.partition() == replayedTo.get("partition").asInt()
					&& record.offset() == replayedTo.get("offset").asLong())
			.findFirst()
			.orElseThrow();
		assertThat(replay.key()).isEqualTo(event.orderId().toString());
		assertThat(replay.value()).isEqualTo(new EventJson().write(event));
		assertThat(Infrastructure.header(replay, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
		assertThat(replay.headers()).extracting(Header::key)
			.noneMatch(name -> name.startsWith("kafka_dlt-") || name.startsWith("orderflow_dlt-"));
		assertThat(Infrastructure.readAll(PaymentEvent.TOPIC))
			.filteredOn(
					record -> event.eventId().toString().equals(Infrastructure.header(record, CloudEventHeaders.ID)))
			.as("the source topic, which every group reads, has the original record alone")
			.hasSize(1);

		HttpResponse<String> again = post(path + "/replay");
		assertProblem(again, 409);
		assertThat(again.body()).contains("already resolved");

		HttpResponse<String> forced = post(path + "/replay?force=true");
		assertThat(forced.statusCode()).isEqualTo(200);
		await().atMost(SOON).until(() -> listener.attempts(event.orderId()) == 5);
		assertThat(effects(event.orderId())).isEqualTo(1);

		assertThat(keysListed(false)).doesNotContain(event.orderId().toString());
		assertThat(listedWith(event.orderId().toString(), true).get("resolution").asString()).isEqualTo("REPLAYED");
	}

	@Test
	void aReplayThatFailsAgainIsADeadLetterOfTheSourceTopicAgainAndCanBeReplayedOnceMore() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		listener.failAlways(event.orderId());
		send(record(event));
		JsonNode first = awaitListed(event.orderId().toString());

		assertThat(post(address(first) + "/replay").statusCode()).isEqualTo(200);

		JsonNode again = await().atMost(SOON)
			.until(() -> listedFrom(event.orderId().toString(), REPLAYS), node -> node != null);
		assertThat(again.get("topic").asString()).as("the dead-letter topic of the source topic").isEqualTo(DLT);
		assertThat(again.get("offset").asLong()).isGreaterThan(first.get("offset").asLong());
		assertThat(again.get("eventId").asString()).isEqualTo(event.eventId().toString());
		assertThat(again.get("attempts").asInt()).isEqualTo(3);
		assertThat(again.get("reason").asString()).contains("induced failure");
		assertThat(effects(event.orderId())).isZero();

		listener.clearFailures(event.orderId());
		assertThat(post(address(again) + "/replay").statusCode()).isEqualTo(200);
		await().atMost(SOON).until(() -> effects(event.orderId()) == 1);
		assertThat(keysListed(false)).doesNotContain(event.orderId().toString());
	}

	@Test
	void poisonIsDeadLetteredAfterOneAttemptAndUnreadableBytesAreShownInBase64() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		String wrongKey = "not-the-order-id-" + UUID.randomUUID();
		ProducerRecord<String, byte[]> wellFormed = record(event);
		send(new ProducerRecord<>(PaymentEvent.TOPIC, null, wrongKey, wellFormed.value(), wellFormed.headers()));
		String garbageKey = UUID.randomUUID().toString();
		send(new ProducerRecord<>(PaymentEvent.TOPIC, null, garbageKey, new byte[] { 0, (byte) 0xff, 42 },
				record(authorized(UUID.fromString(garbageKey))).headers()));

		JsonNode wronglyKeyed = awaitListed(wrongKey);
		assertThat(wronglyKeyed.get("attempts").asInt()).isEqualTo(1);
		assertThat(wronglyKeyed.get("reason").asString()).contains("is not the aggregate id");
		JsonNode garbage = awaitListed(garbageKey);
		assertThat(garbage.get("attempts").asInt()).isEqualTo(1);
		assertThat(garbage.get("payload").get("encoding").asString()).isEqualTo("base64");
		assertThat(garbage.get("payload").get("content").asString()).isEqualTo("AP8q");
	}

	@Test
	void aDiscardedDeadLetterLeavesTheDefaultListAndTheGauge() {
		String key = "discard-me-" + UUID.randomUUID();
		ProducerRecord<String, byte[]> wellFormed = record(authorized(UUID.randomUUID()));
		send(new ProducerRecord<>(PaymentEvent.TOPIC, null, key, wellFormed.value(), wellFormed.headers()));
		String path = address(awaitListed(key));
		await().atMost(SOON).untilAsserted(() -> assertThat(gauge()).isEqualTo(keysListed(false).size()));
		double before = gauge();

		HttpResponse<String> discarded = post(path + "/discard");

		assertThat(discarded.statusCode()).isEqualTo(200);
		assertThat(keysListed(false)).doesNotContain(key);
		assertThat(listedWith(key, true).get("resolution").asString()).isEqualTo("DISCARDED");
		await().atMost(SOON).untilAsserted(() -> assertThat(gauge()).isEqualTo(before - 1));
		assertProblem(post(path + "/discard"), 409);
		assertThat(post(path + "/discard?force=true").statusCode()).isEqualTo(200);
	}

	@Test
	void aDeadLetterOlderThanTheReplayWindowIsReplayedOnlyWhenForced() {
		Duration window = properties.pruning().horizon().minus(properties.topics().retention()).minusDays(1);
		PaymentAuthorized old = new PaymentAuthorized(UUID.randomUUID(),
				Instant.now().minus(window).minusSeconds(60).truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
				"ch_old", new BigDecimal("25.00"), "EUR");
		ProducerRecord<String, byte[]> original = record(old);
		send(new ProducerRecord<>(DLT, null, original.key(), original.value(), original.headers()));
		String path = address(awaitListed(old.orderId().toString()));

		HttpResponse<String> refused = post(path + "/replay");

		assertProblem(refused, 409);
		assertThat(refused.body()).contains("older than the replay window", "force=true");
		assertThat(post(path + "/replay?force=true").statusCode()).isEqualTo(200);
		await().atMost(SOON).until(() -> effects(old.orderId()) == 1);
	}

	@Test
	void onlyTheServicesOwnDeadLettersAreAddressable() {
		String otherGroupsDlt = DeadLetterTopics.of(PaymentEvent.TOPIC, "someone-else");
		assertProblem(get("/admin/dead-letters/" + PaymentEvent.TOPIC + "/0/0"), 404);
		assertProblem(get("/admin/dead-letters/" + otherGroupsDlt + "/0/0"), 404);
		assertProblem(post("/admin/dead-letters/" + otherGroupsDlt + "/0/0/replay"), 404);
		assertProblem(post("/admin/dead-letters/" + otherGroupsDlt + "/0/0/discard"), 404);
		assertProblem(get("/admin/dead-letters/" + DLT + "/0/" + Long.MAX_VALUE), 404);
		assertProblem(get("/admin/dead-letters/" + DLT + "/99/0"), 404);
	}

	@Test
	void hostileValuesAreProblemsNeverServerErrors() {
		List<String> badRequests = List.of("/admin/dead-letters/" + DLT + "/abc/0",
				"/admin/dead-letters/" + DLT + "/-1/0", "/admin/dead-letters/" + DLT + "/0/-1",
				"/admin/dead-letters/" + DLT + "/0/99999999999999999999999", "/admin/dead-letters/" + DLT + "/0/1e3",
				"/admin/dead-letters/" + DLT + "/2147483648/0", "/admin/dead-letters/" + DLT + "/0/-1/payload",
				"/admin/dead-letters?limit=0", "/admin/dead-letters?limit=501", "/admin/dead-letters?limit=abc",
				"/admin/dead-letters?limit=%00", "/admin/dead-letters?includeResolved=maybe",
				"/admin/dead-letters?cursor=not-a-cursor", "/admin/dead-letters?cursor=" + "A".repeat(5000),
				"/admin/dead-letters?cursor=" + cursorOf("v1:orderflow.payment.events/0=5"),
				"/admin/dead-letters?cursor=" + cursorOf("v1:" + DLT + "/0=-1"));
		for (String path : badRequests) {
			assertProblem(get(path), 400);
		}
		assertProblem(post("/admin/dead-letters/" + DLT + "/0/0/replay?force=maybe"), 400);
		assertThat(get("/admin/dead-letters?limit=0").body()).contains("limit must be greater than or equal to 1");
		assertThat(get("/admin/dead-letters/" + DLT + "/abc/0").body()).contains("partition must be a whole number");
		// Spring binds digits of any script as Java reads them: a fullwidth one is the
		// same partition
		assertThat(get("/admin/dead-letters/" + DLT + "/%EF%BC%91/0").statusCode())
			.isEqualTo(get("/admin/dead-letters/" + DLT + "/1/0").statusCode());
		List<String> unknown = List.of("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%3B%20drop%20table%20x%3B--",
				"%F0%9F%92%A5", "%E2%80%AE" + DLT, "a".repeat(5000), "..", "%00", "%20");
		for (String topic : unknown) {
			HttpResponse<String> response = get("/admin/dead-letters/" + topic + "/0/0");
			assertThat(response.statusCode()).as(topic).isBetween(400, 499);
			if (response.statusCode() == 404 && response.body().contains("No dead letter")) {
				assertProblem(response, 404);
				assertThat(response.body()).doesNotContain("<script>").doesNotContain("\\u0000");
			}
		}
		for (String path : List.of("/admin/dead-letters/..%2F..%2Fetc/0/0",
				"/admin/dead-letters/" + DLT + "/0/0/explode", "/admin/dead-letters/" + DLT + "/0/0%2F1")) {
			assertThat(get(path).statusCode()).as(path).isBetween(400, 499);
		}
	}

	private static String cursorOf(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private double gauge() {
		Gauge gauge = meters.find(DeadLetterMetrics.NAME).tag("topic", DLT).gauge();
		assertThat(gauge).isNotNull();
		return gauge.value();
	}

	private JsonNode awaitListed(String key) {
		return await().atMost(SOON).until(() -> listedWith(key, true), node -> node != null);
	}

	private JsonNode listedWith(String key, boolean includeResolved) {
		return StreamSupport.stream(list(includeResolved).spliterator(), false)
			.filter(node -> key.equals(node.path("key").asString(null)))
			.findFirst()
			.orElse(null);
	}

	/** The unresolved dead letter under the key that was read from the topic. */
	private JsonNode listedFrom(String key, String originalTopic) {
		return StreamSupport.stream(list(false).spliterator(), false)
			.filter(node -> key.equals(node.path("key").asString(null))
					&& originalTopic.equals(node.path("originalTopic").asString(null)))
			.findFirst()
			.orElse(null);
	}

	private List<String> keysListed(boolean includeResolved) {
		return StreamSupport.stream(list(includeResolved).spliterator(), false)
			.map(node -> node.path("key").asString(null))
			.toList();
	}

	private JsonNode list(boolean includeResolved) {
		HttpResponse<String> response = get("/admin/dead-letters?limit=500&includeResolved=" + includeResolved);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String address(JsonNode deadLetter) {
		return "/admin/dead-letters/" + deadLetter.get("topic").asString() + "/" + deadLetter.get("partition").asInt()
				+ "/" + deadLetter.get("offset").asLong();
	}

	private static List<String> headerNames(JsonNode deadLetter) {
		return StreamSupport.stream(deadLetter.get("headers").spliterator(), false)
			.map(h -> h.get("name").asString())
			.toList();
	}

	private static String headerValue(JsonNode deadLetter, String name) {
		return StreamSupport.stream(deadLetter.get("headers").spliterator(), false)
			.filter(h -> name.equals(h.get("name").asString()))
			.map(h -> h.get("value").asString())
			.reduce((first, last) -> last)
			.orElse(null);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(status);
	}

	private int effects(UUID orderId) {
		return TestEffects.ofOrder(jdbc, orderId);
	}

	private HttpResponse<String> get(String path) {
		return exchange(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> post(String path) {
		return exchange(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private URI uri(String path) {
		return TestHttp.uri(port, path);
	}

	private static HttpResponse<String> exchange(HttpRequest.Builder request) {
		return TestHttp.exchange(request.header("Accept", "application/json, application/problem+json"));
	}

}
