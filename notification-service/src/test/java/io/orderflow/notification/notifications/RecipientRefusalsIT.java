package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * One bad address never stops anyone else's email. The SMTP server refuses recipients as
 * real servers do ({@link RecipientPolicy}): a greylisted one for now ({@code 450}), an
 * unknown one for good ({@code 550}). A refusal for now defers that email, in the
 * database, without holding up the partition or counting against the mail server's
 * circuit breaker; it is sent again within the retry budget ({@value #RETRY_BUDGET}
 * here), then dead-lettered; an outage of the server spends none of the budget; replaying
 * the dead letter tries again.
 */
class RecipientRefusalsIT extends NotificationServiceIntegrationTestBase {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The attempts the budget gives: after 0, 0.5, 1.5, 2.5, 3.5 and 4 s of pauses. */
	private static final int ATTEMPTS_IN_BUDGET = 6;

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	DeferredEmails deferredEmails;

	@Test
	void aGreylistedRecipientDoesNotDelayTheEmailsBehindItAndIsDeadLetteredWhenTheBudgetIsSpent() throws Exception {
		UUID greylisted = placedOrder();
		OrderConfirmed refused = confirmed(greylisted, "someone@" + RecipientPolicy.GREYLISTED_DOMAIN);
		List<UUID> normal = new ArrayList<>(ordersOnThePartitionOf(greylisted, 3));
		normal.addAll(List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()));

		publish(refused);
		normal.forEach(orderId -> publish(confirmed(orderId)));

		await("the emails published after the greylisted one").atMost(TIMEOUT)
			.until(() -> normal.stream().allMatch(orderId -> mailsAbout(orderId).size() == 1));
		JsonNode deferred = notificationOf(greylisted);
		assertThat(deferred.get("status").asString()).as("still waiting while the others arrived")
			.isEqualTo("DEFERRED");
		assertThat(deferred.get("lastReply").asString()).startsWith("450 4.2.0 <someone@greylisted.test>");
		assertThat(deferred.get("attempts").asInt()).isPositive();
		assertThat(deferred.get("nextAttemptAt").isNull()).isFalse();
		assertThat(deferred.get("sentAt").isNull()).isTrue();
		// from here on the mail server only refuses: no connection of a test before
		// (SmtpOutageIT restarts the
		// server) can fail a send any more, the emails above went through
		int attemptsSoFar = deferred.get("attempts").asInt();
		long failedCallsBefore = mailServerCalls("failed");
		long successfulCallsBefore = mailServerCalls("successful");

		await("the budget is spent").atMost(TIMEOUT)
			.until(() -> notificationOf(greylisted).get("status").asString().equals("UNDELIVERABLE"));
		JsonNode undeliverable = notificationOf(greylisted);
		assertThat(undeliverable.get("attempts").asInt()).isEqualTo(ATTEMPTS_IN_BUDGET);
		assertThat(undeliverable.get("lastReply").asString()).startsWith("450 4.2.0");
		assertThat(undeliverable.get("nextAttemptAt").isNull()).isTrue();
		assertThat(mailsAbout(greylisted)).isEmpty();
		assertThat(attemptsSoFar).isLessThan(ATTEMPTS_IN_BUDGET);
		assertThat(mailServerCalls("failed")).as("refusals are answers, not failures of the mail server")
			.isEqualTo(failedCallsBefore);
		assertThat(mailServerCalls("successful")).as("each refusal a successful call")
			.isGreaterThanOrEqualTo(successfulCallsBefore + ATTEMPTS_IN_BUDGET - attemptsSoFar);

		ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(refused.eventId()).orElseThrow();
		DeadLetterAssertions.of(List.of(deadLetter), OrderEvent.TOPIC, CONSUMER_GROUP)
			.assertDeadLettered(refused, ListenerExecutionFailedException.class, "someone@greylisted.test");
		assertThat(header(deadLetter, ConsumerFailures.REASON_HEADER)).contains("someone@greylisted.test")
			.contains("last reply: 450 4.2.0")
			.contains("retry budget of " + RETRY_BUDGET)
			.contains(ATTEMPTS_IN_BUDGET + " attempts");
		assertThat(header(deadLetter, ConsumerFailures.ATTEMPTS_HEADER)).isEqualTo(String.valueOf(ATTEMPTS_IN_BUDGET));
		assertThat(deadLetter.key()).isEqualTo(greylisted.toString());
		assertThat(header(deadLetter, "ce_type")).isEqualTo("orderflow.order.confirmed.v1");
		assertThat(header(deadLetter, "ce_source")).isEqualTo(OrderEvent.CATALOG.source());
		assertThat(header(deadLetter, "ce_subject")).isEqualTo(greylisted.toString());
		assertThat(new EventJson().read(deadLetter.value(), OrderConfirmed.class)).as("the event as published")
			.isEqualTo(refused);

		await("the gauge of undeliverable emails").atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(PrometheusScrape
				.samples(PrometheusScrape.text(port, TestIdentities.operatorToken()), "orderflow_emails_undeliverable"))
				.singleElement()
				.satisfies(sample -> assertThat(Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)))
					.isGreaterThanOrEqualTo(1)));
	}

	@Test
	void aRecipientTheServerAcceptsWithinTheBudgetGetsExactlyOneEmail() {
		Greylisted greylisted = publishGreylisted("later");
		UUID orderId = greylisted.orderId();

		await("refused at least twice").atMost(TIMEOUT).until(() -> attempts(orderId) >= 2);
		recipientPolicy().accept(greylisted.domain());

		await().atMost(TIMEOUT).until(() -> status(orderId).equals("SENT"));
		await("no second email").during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> mailsAbout(orderId).size() == 1);
		assertThat(mailsAbout(orderId)).singleElement()
			.satisfies(mail -> assertThat(mail.messageId()).isEqualTo("<" + orderId + ".confirmed@orderflow>"));
		JsonNode sent = notificationOf(orderId);
		assertThat(sent.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(sent.get("sentAt").isNull()).isFalse();
		assertThat(sent.get("lastReply").isNull()).isTrue();
		assertThat(deadLetterOf(greylisted.event().eventId())).isEmpty();
	}

	@Test
	void anUnknownRecipientIsDeadLetteredAtOnceAndTheEmailBehindItIsSent() {
		UUID unknown = placedOrder();
		OrderConfirmed refused = confirmed(unknown, "nobody@" + RecipientPolicy.NONEXISTENT_DOMAIN);
		UUID behind = UUID.randomUUID();

		publish(refused);
		publish(confirmed(behind));

		await().atMost(TIMEOUT).until(() -> mailsAbout(behind).size() == 1);
		await().atMost(TIMEOUT).until(() -> deadLetterOf(refused.eventId()).isPresent());
		ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(refused.eventId()).orElseThrow();
		DeadLetterAssertions.of(List.of(deadLetter), OrderEvent.TOPIC, CONSUMER_GROUP)
			.assertDeadLettered(refused, PoisonEventException.class, "550 5.1.1 <nobody@nonexistent.test>");
		assertThat(header(deadLetter, ConsumerFailures.ATTEMPTS_HEADER)).as("not retried").isEqualTo("1");
		assertThat(mailsAbout(unknown)).isEmpty();
		assertThat(notificationsOf(unknown)).as("nothing recorded").isEmpty();
	}

	@Test
	void anOutageOfTheMailServerSpendsNoBudgetAndTheDeferredEmailIsSentAfterTheHeal() {
		Greylisted greylisted = publishGreylisted("outage");
		UUID orderId = greylisted.orderId();
		await().atMost(TIMEOUT).until(() -> attempts(orderId) >= 1);
		long failedCallsBefore = mailServerCalls("failed");

		stopSmtpServer();
		int attemptsBeforeTheOutage;
		try {
			await("the retrier met the outage").atMost(TIMEOUT)
				.until(() -> mailServerCalls("failed") > failedCallsBefore);
			attemptsBeforeTheOutage = attempts(orderId);

			await("deferred, no budget spent, for longer than the whole budget").during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(10))
				.until(() -> status(orderId).equals("DEFERRED") && attempts(orderId) == attemptsBeforeTheOutage);
		}
		finally {
			restartSmtpServer();
		}
		await("refused again once the server is back").atMost(TIMEOUT)
			.until(() -> attempts(orderId) > attemptsBeforeTheOutage);
		assertThat(status(orderId)).as("the budget is where the outage found it").isEqualTo("DEFERRED");
		recipientPolicy().accept(greylisted.domain());

		await().atMost(TIMEOUT).until(() -> status(orderId).equals("SENT"));
		assertThat(mailsAbout(orderId)).hasSize(1);
	}

	@Test
	void replayingTheDeadLetterOnceTheDomainAcceptsDeliversExactlyOneEmail() throws Exception {
		Greylisted greylisted = publishGreylisted("replay");
		UUID orderId = greylisted.orderId();
		await().atMost(TIMEOUT).until(() -> status(orderId).equals("UNDELIVERABLE"));
		ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(greylisted.event().eventId()).orElseThrow();
		recipientPolicy().accept(greylisted.domain());

		HttpResponse<String> replayed = replay(deadLetter, false);

		assertThat(replayed.statusCode()).isEqualTo(200);
		assertThat(json.readTree(replayed.body()).at("/replayedTo/topic").asString())
			.as("the group's own replay topic, not the order topic every group reads")
			.isEqualTo(REPLAY_TOPIC);
		assertThat(topics.readAll(REPLAY_TOPIC))
			.filteredOn(record -> greylisted.event().eventId().toString().equals(header(record, "ce_id")))
			.hasSize(1);
		await().atMost(TIMEOUT).until(() -> status(orderId).equals("SENT"));
		assertThat(mailsAbout(orderId)).singleElement()
			.satisfies(mail -> assertThat(mail.messageId()).isEqualTo("<" + orderId + ".confirmed@orderflow>"));

		assertThat(replay(deadLetter, true).statusCode()).as("a forced second replay").isEqualTo(200);
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).hasSize(1);
		assertThat(notificationsOf(orderId)).hasSize(1);
	}

	@Test
	void severalInstancesRetryingAtOnceSendADeferredEmailOnce() throws Exception {
		Greylisted greylisted = publishGreylisted("instances");
		UUID orderId = greylisted.orderId();
		await().atMost(TIMEOUT).until(() -> attempts(orderId) >= 1);
		recipientPolicy().accept(greylisted.domain());

		// the scheduled job of this instance, and four more retriers as other instances
		// would run them
		try (ExecutorService instances = Executors.newFixedThreadPool(4)) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				running.add(instances.submit(() -> {
					while (mailsAbout(orderId).isEmpty()) {
						deferredEmails.retryDue();
					}
				}));
			}
			await().atMost(TIMEOUT).until(() -> running.stream().allMatch(Future::isDone));
			for (Future<?> instance : running) {
				instance.get();
			}
		}

		await().atMost(TIMEOUT).until(() -> status(orderId).equals("SENT"));
		await("no second email").during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> mailsAbout(orderId).size() == 1);
	}

	@Test
	void aLaterOutcomeOfTheOrderWaitsBehindItsDeferredEmailSoTheyArriveInOrder() {
		String domain = uniqueDomain("order");
		recipientPolicy().greylist(domain);
		UUID orderId = placedOrder();
		String recipient = "ada@" + domain;

		publish(confirmed(orderId, recipient));
		publish(cancelled(orderId, recipient, true));

		await().atMost(TIMEOUT).until(() -> notificationsOf(orderId).size() == 2);
		JsonNode waiting = notificationsOf(orderId).get(1);
		assertThat(waiting.get("outcome").asString()).isEqualTo("CANCELLED");
		assertThat(waiting.get("status").asString()).isEqualTo("DEFERRED");
		assertThat(waiting.get("attempts").asInt()).as("never offered while the earlier one waits").isZero();
		assertThat(waiting.get("lastReply").isNull()).isTrue();
		recipientPolicy().accept(domain);

		await().atMost(TIMEOUT).until(() -> mailsAbout(orderId).size() == 2);
		assertThat(mailsAbout(orderId)).extracting(mail -> mail.messageId())
			.containsExactly("<" + orderId + ".confirmed@orderflow>", "<" + orderId + ".cancelled@orderflow>");
		await().atMost(TIMEOUT)
			.until(() -> notificationsOf(orderId).valueStream()
				.allMatch(n -> n.get("status").asString().equals("SENT")));
	}

	private JsonNode notificationOf(UUID orderId) {
		JsonNode notifications = notificationsOf(orderId);
		assertThat(notifications).as("emails about %s", orderId).hasSize(1);
		return notifications.get(0);
	}

	private String status(UUID orderId) {
		JsonNode notifications = notificationsOf(orderId);
		return notifications.isEmpty() ? "" : notifications.get(0).get("status").asString();
	}

	private int attempts(UUID orderId) {
		JsonNode notifications = notificationsOf(orderId);
		return notifications.isEmpty() ? 0 : notifications.get(0).get("attempts").asInt();
	}

	private static Optional<ConsumerRecord<String, byte[]>> deadLetterOf(UUID eventId) {
		return topics.readAll(DEAD_LETTER_TOPIC)
			.stream()
			.filter(record -> eventId.toString().equals(header(record, "ce_id")))
			.reduce((first, last) -> last);
	}

	/**
	 * {@code POST /admin/dead-letters/{topic}/{partition}/{offset}/replay}, as the
	 * operator replays a dead letter, with the operator's token.
	 */
	private HttpResponse<String> replay(ConsumerRecord<String, byte[]> deadLetter, boolean force) throws Exception {
		URI uri = URI.create("http://127.0.0.1:" + port + "/admin/dead-letters/" + deadLetter.topic() + "/"
				+ deadLetter.partition() + "/" + deadLetter.offset() + "/replay" + (force ? "?force=true" : ""));
		return http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + TestIdentities.operatorToken())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Order ids the producer's partitioner puts on the same partition as {@code orderId}.
	 */
	private static List<UUID> ordersOnThePartitionOf(UUID orderId, int count) throws Exception {
		int partitions = partitionCount(OrderEvent.TOPIC);
		int partition = partitionOf(orderId, partitions);
		List<UUID> found = new ArrayList<>();
		while (found.size() < count) {
			UUID candidate = UUID.randomUUID();
			if (partitionOf(candidate, partitions) == partition) {
				found.add(candidate);
			}
		}
		return found;
	}

	/** As Kafka's default partitioner places a keyed record. */
	private static int partitionOf(UUID orderId, int partitions) {
		return Utils.toPositive(Utils.murmur2(orderId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	/**
	 * Publishes an outcome for a customer at a domain of this test alone, which the
	 * server greylists until told otherwise; switching the domain never changes what
	 * another test sees.
	 */
	private static Greylisted publishGreylisted(String purpose) {
		String domain = uniqueDomain(purpose);
		recipientPolicy().greylist(domain);
		OrderConfirmed event = confirmed(placedOrder(), "ada@" + domain);
		publish(event);
		return new Greylisted(event.orderId(), domain, event);
	}

	private record Greylisted(UUID orderId, String domain, OrderConfirmed event) {
	}

	/**
	 * A domain of this test alone, so switching it never changes what another test sees.
	 */
	private static String uniqueDomain(String purpose) {
		return purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
	}

}
