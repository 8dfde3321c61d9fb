package io.orderflow.systemtest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.authorization.Customer;
import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.network.IsolatedHost;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.localstack.process.ServiceProcess;
import io.orderflow.probes.identity.ClientCredentials;
import io.orderflow.probes.metrics.PrometheusText;
import io.orderflow.testsupport.TopicClient;
import io.orderflow.testsupport.http.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of every service on a cluster of three Kafka nodes (issue 15), as a
 * deployment runs replicas on a replicated Kafka: the same databases, one consumer group
 * per service whose partitions the instances share, each order placed on the
 * order-service instances in turn, a retry on the other one. Each fault runs under
 * {@value #RATE} orders/s, and one independent {@link InvariantChecker} audits every
 * order answered 2xx, as in the {@link FaultSuiteIT fault suite}, whose summary lines
 * these print alike ({@code FAULT S3 ...}).
 *
 * <p>
 * Six service JVMs under load saturate this project's 2-core machines: the services shed
 * what they cannot take (503 with {@code Retry-After}, or no answer within the client's 5
 * s), and the client tries again on the other instance. So these tests assert that every
 * order was accepted in the end, not that every attempt was: a client that retries loses
 * nothing. At 100 orders/s, the rate of issue 15, the first load after the start failed
 * in three runs of four on 2026-12-07 (docs/faults.md); it returns when the CPU per order
 * falls (issue 16).
 *
 * <p>
 * The second payment-service instance runs on an {@link IsolatedHost} of its own (a
 * network namespace, as root), so that a fault can cut it off the brokers, or off its
 * database, while it still reaches everything else: a network partition, not a kill.
 *
 * <p>
 * Runs last: it stops the one-instance system and starts the scaled-out one
 * ({@link SystemUnderTest#scaledOut()}).
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutFaultIT {

	private static final int RATE = 50;

	private static final Duration LOAD_DURATION = Duration.ofSeconds(8);

	/** At a quarter of {@link #RATE}, before the first load at the full rate. */
	private static final Duration WARM_UP = Duration.ofSeconds(12);

	private static final Duration SERVICE_READY = Duration.ofSeconds(90);

	private static final Duration AT_REST = SystemUnderTest.SCALED_OUT_SAGA_DEADLINE.plusSeconds(60);

	/**
	 * How long an instance stays SIGSTOPped or cut off at most: well beyond the
	 * consumer's session timeout, the outbox relay's lease and every transaction's lease
	 * (10 s each, orderflow.messaging.consumer, .outbox and orderflow.database), and
	 * beyond the saga's deadline ({@link SystemUnderTest#SCALED_OUT_SAGA_DEADLINE}): an
	 * order held up by the disrupted instance would expire meanwhile. The test ends the
	 * disruption as soon as every order is terminal, so its length costs nothing when the
	 * peer keeps up.
	 */
	private static final Duration DISRUPTION = SystemUnderTest.SCALED_OUT_SAGA_DEADLINE.plusSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static LocalStack stack;

	private static TopicClient topics;

	private static InvariantChecker checker;

	private static FaultLog log;

	@BeforeAll
	static void startScaledOutSystem() {
		stack = SystemUnderTest.scaledOut();
		topics = new TopicClient(stack.kafkaAdmin());
		checker = new InvariantChecker(stack, topics);
		log = new FaultLog(checker, AT_REST);
	}

	@AfterAll
	static void printSummaries() {
		topics.close();
		log.printAll("Scale-out fault summary");
	}

	/** Whatever a test did to an instance, the next one finds all of them serving. */
	@AfterEach
	void healEveryInstance() {
		for (ServiceProcess instance : stack.allInstances()) {
			if (instance.isSuspended()) {
				instance.resume();
			}
			if (!instance.isAlive()) {
				instance.start();
			}
		}
		stack.allInstances().forEach(instance -> instance.awaitReady(SERVICE_READY));
	}

	/**
	 * I8 across instances: the same request with the same {@code Idempotency-Key}, sent
	 * to both order-service instances at once, is one order; the key's claim is a row of
	 * the shared database, not a memory of one instance.
	 */
	@Test
	@Order(1)
	@Timeout(value = 2, unit = TimeUnit.MINUTES)
	void oneIdempotencyKeyPostedToBothOrderServiceInstancesAtOnceMakesOneOrder() throws Exception {
		List<ServiceProcess> orderServices = stack.instances(OrderflowService.ORDER);
		assertThat(orderServices).hasSize(SystemUnderTest.INSTANCES);
		ClientCredentials customer = Api.customer(stack,
				new Customer("s-key-" + UUID.randomUUID(), "s-key@example.com", Api.SECRET));
		String key = UUID.randomUUID().toString();
		String body = Api.orderBody(OrderLoad.APPROVED_CARD);
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			for (ServiceProcess instance : orderServices) {
				answers.add(sendUntilNot503(http,
						HttpRequest.newBuilder(instance.baseUri().resolve("/api/orders"))
							.header("Authorization", customer.bearer())
							.header("Content-Type", "application/json")
							.header("Idempotency-Key", key)
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build(),
						5));
			}
		}
		Set<String> orderIds = new HashSet<>();
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			orderIds.add(JSON.readTree(response.body()).path("id").asString());
		}

		assertThat(orderIds).as("ten POSTs, one key, two instances").hasSize(1);
		InvariantChecker.Report report = checker.awaitAtRest(orderIds, AT_REST);
		assertThat(report.violations()).as(report.summary()).isEmpty();
	}

	/**
	 * Sends the request, and again, after a second, while it is answered {@code 503}, up
	 * to {@code attempts} times, as a client does with the same {@code Idempotency-Key}:
	 * an instance that has just started may not have the identity provider's keys yet,
	 * and says so with a 503 ("retry later"), which is not what S1 is about.
	 */
	private static CompletableFuture<HttpResponse<String>> sendUntilNot503(HttpClient http, HttpRequest request,
			int attempts) {
		return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
			if (response.statusCode() != 503 || attempts <= 1) {
				return CompletableFuture.completedFuture(response);
			}
			return CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
				.thenCompose(paused -> sendUntilNot503(http, request, attempts - 1));
		});
	}

	/**
	 * No fault: {@value #RATE} orders/s on two instances of everything. Every instance of
	 * every service does a share of the work (the partitions are shared, the orders
	 * placed on both order-service instances), and the invariants hold as with one. A
	 * quarter of that rate comes first: six JVMs that have just started compile on two
	 * cores, and the full rate at once overloads them (docs/faults.md); this also warms
	 * them up for the faults.
	 */
	@Test
	@Order(2)
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void underLoadEveryInstanceOfEveryServiceDoesItsShare() {
		OrderLoad.Result warmUp = OrderLoad.start(stack, OrderLoad.Spec.of("scale-warm", RATE / 4, WARM_UP))
			.awaitFinished(WARM_UP.plusSeconds(60));
		audit("S2a none, two instances of each service, warm-up", warmUp, 0);
		Map<String, Double> before = handledRecords();
		OrderLoad.Result result = OrderLoad.start(stack, OrderLoad.Spec.of("scale-base", RATE, LOAD_DURATION))
			.awaitFinished(LOAD_DURATION.plusSeconds(60));

		assertThat(result.notAccepted()).as(result.describe()).isEmpty();
		audit("S2b none, two instances of each service", result, 0);
		Map<String, Double> handled = handledRecords();
		handled.replaceAll((instance, count) -> count - before.getOrDefault(instance, 0.0));
		assertThat(handled).as("records each instance's listeners handled during the load")
			.hasSize(3 * SystemUnderTest.INSTANCES)
			.allSatisfy((instance, count) -> assertThat(count).as(instance).isPositive());
	}

	/**
	 * One instance of each service SIGKILLed under load and not restarted: the survivor
	 * of each consumer group takes the dead one's partitions once the group times it out
	 * (static membership, {@code session.timeout.ms} = 10 s: docs/faults.md), and every
	 * order completes, charged and emailed once. The order-service instance that is gone
	 * costs its clients one attempt each, which they retry on the other instance.
	 */
	@Test
	@Order(3)
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void oneInstanceOfEachServiceKilledUnderLoadTheSurvivorsTakeOverAndNothingIsLostOrDoneTwice() throws Exception {
		List<ServiceProcess> killed = Stream.of(OrderflowService.values()).map(stack::service).toList();
		OrderLoad load = OrderLoad.start(stack, OrderLoad.Spec.of("scale-kill", RATE, LOAD_DURATION));
		OrderLoad.Result result;
		Map<String, Duration> takeovers;
		try (Admin admin = Admin.create(stack.kafkaAdmin().clientProperties())) {
			load.awaitStarted(2 * RATE);
			List<GroupBefore> groups = new ArrayList<>();
			for (OrderflowService service : OrderflowService.values()) {
				groups.add(GroupBefore.describe(admin, service.moduleName()));
			}
			killed.forEach(ServiceProcess::kill);
			takeovers = GroupBefore.awaitTakenOver(admin, groups, System.nanoTime());
			result = load.awaitFinished(LOAD_DURATION.plusSeconds(60));
		}

		audit("S3 the first instance of each service SIGKILLed at 2s, not restarted; the survivor owned every partition "
				+ takeovers.entrySet()
					.stream()
					.map(group -> group.getKey() + " " + seconds(group.getValue().toNanos()))
					.collect(Collectors.joining(", "))
				+ " after the kill", result, 2);
		assertThat(result.notAccepted()).as(result.describe()).isEmpty();
		assertThat(takeovers).as("groups whose survivor owned every partition within a minute")
			.containsOnlyKeys(Stream.of(OrderflowService.values()).map(OrderflowService::moduleName).toList());
	}

	/**
	 * One payment-service instance paused (SIGSTOP) for longer than the consumer's
	 * session timeout and the outbox relay's lease, under load: a long GC pause or a hung
	 * VM. Its peer takes its partitions when the group times it out, and the publishing
	 * of payment events when its relay's lease ends (PostgreSQL ends the hung session's
	 * transaction, and with it the advisory lock: ADR 0004). Had the pause caught it
	 * inside a consumer's transaction, the rows it locked are freed by the same kind of
	 * lease ({@code orderflow.database.transaction-lease}), so the peer processing the
	 * same records does not wait for them either. Every order completes <em>while the
	 * instance is still paused</em>; after it resumes, what it did in between is absorbed
	 * (its late commits meet the inbox and the unique payment per order).
	 */
	@Test
	@Order(4)
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void onePaymentServiceInstancePausedBeyondItsSessionAndLeaseDoesNotHoldUpItsPeer() {
		ServiceProcess paused = stack.service(OrderflowService.PAYMENT);
		Disruption.during("scale-pause", paused::suspend, paused::resume)
			.assertNothingWaitedFor(
					"S4 payment-service (one of two) SIGSTOPped at 2s for up to " + DISRUPTION.toSeconds() + "s",
					"pause");
	}

	/**
	 * The Kafka node that leads the order topic's first partition stopped under load, on
	 * the cluster of three: the leadership of its partitions moves to a replica in sync,
	 * two of three stay in sync ({@code min.insync.replicas=2}), so the relays' writes
	 * with {@code acks=all} go on; the producers and consumers find the new leaders, and
	 * every order completes, charged and emailed once. The node starts again after the
	 * load. It stops as a crash looks to the cluster, without a controlled shutdown: it
	 * hands nothing over, and the controller fences it when its heartbeats stop
	 * ({@link KafkaBroker#stop()}; the brokers run inside this JVM, where nothing can be
	 * SIGKILLed). The FAULT line says how long until the partition had a new leader.
	 */
	@Test
	@Order(5)
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void theKafkaNodeLeadingTheOrderTopicStoppedUnderLoadNothingIsLostOrDoneTwice() throws Exception {
		OrderLoad load = OrderLoad.start(stack, OrderLoad.Spec.of("scale-leader", RATE, LOAD_DURATION));
		OrderLoad.Result result;
		String stopped;
		KafkaBroker leader = null;
		try (Admin admin = Admin.create(stack.kafkaAdmin().clientProperties())) {
			load.awaitStarted(2 * RATE);
			int leaderId = leaderOfFirstOrderPartition(admin);
			// node ids count from 1, the list from 0
			leader = stack.kafkaNodes().get(leaderId - 1);
			long stopping = System.nanoTime();
			leader.stop();
			int newLeader = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> leaderOfFirstOrderPartition(admin), id -> id != 0 && id != leaderId);
			stopped = "node " + leaderId + " (leader of " + OrderEvent.TOPIC + "-0) stopped at 2s; node " + newLeader
					+ " led the partition " + seconds(System.nanoTime() - stopping) + " after the stop";
			result = load.awaitFinished(LOAD_DURATION.plusSeconds(60));
		}
		finally {
			if (leader != null && !leader.isRunning()) {
				leader.start();
			}
		}

		audit("S5 Kafka " + stopped + "; started again after the load", result, 0);
		assertThat(result.notAccepted()).as(result.describe()).isEmpty();
	}

	/**
	 * A network partition, not a kill: the isolated payment-service instance cut off
	 * every Kafka node under load while it still reaches its database, the payment
	 * provider and everything else. Its consumer's heartbeats stop reaching the group, so
	 * its partitions move to its peer after the session timeout; its relay, waiting for
	 * Kafka's acknowledgements with the right to publish, loses that right with its
	 * lease. Every order completes <em>while the link is still cut</em>; healed, the
	 * instance rejoins and what it did meanwhile (effects committed, offsets not) is
	 * absorbed by the inbox.
	 */
	@Test
	@Order(6)
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void onePaymentServiceInstanceCutOffTheBrokersButNotItsDatabaseDoesNotHoldUpItsPeer() {
		Disruption.cuttingOff(IsolatedHost.Link.BROKER, "scale-cut-broker")
			.assertNothingWaitedFor("S6 payment-service-2 cut off the Kafka nodes at 2s for up to "
					+ DISRUPTION.toSeconds() + "s, its database reachable", "cut");
	}

	/**
	 * The other partition: the isolated payment-service instance cut off its database
	 * under load while it still reaches every Kafka node. Its heartbeats still reach the
	 * group, which would leave it its partitions while it can do nothing with them: where
	 * at-least-once designs usually break. Its queries fail within the socket timeout
	 * ({@code orderflow.database.socket-timeout}), and it steps out of its consumer
	 * groups while its database does not answer
	 * ({@code StepAsideWhileDatabaseUnreachable}), so the peer takes its partitions over.
	 * Every order completes <em>while the link is still cut</em>, none expires; healed,
	 * the instance rejoins, nothing done twice.
	 */
	@Test
	@Order(7)
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void onePaymentServiceInstanceCutOffItsDatabaseButNotTheBrokersDoesNotHoldUpItsPeer() {
		Disruption.cuttingOff(IsolatedHost.Link.DATABASE, "scale-cut-database")
			.assertNothingWaitedFor("S7 payment-service-2 cut off its database at 2s for up to "
					+ DISRUPTION.toSeconds() + "s, Kafka reachable", "cut");
	}

	/**
	 * The host of the isolated payment-service instance; the test is skipped where
	 * network namespaces cannot be made, unless {@code -Dorderflow.netns.required=true}
	 * (as CI sets) makes that a failure.
	 */
	private static IsolatedHost isolatedHost() {
		Optional<IsolatedHost> host = stack.isolatedHost();
		if (host.isEmpty()) {
			String why = IsolatedHost.unavailable().orElse("the stack runs no isolated instance");
			assertThat(Boolean.getBoolean("orderflow.netns.required")).as(why).isFalse();
			Assumptions.abort("Network partitions skipped: " + why);
		}
		return host.get();
	}

	/**
	 * A fault that lasts until every order of a load is terminal, or {@link #DISRUPTION}
	 * at most: begun once the load has placed {@code 2 × RATE} orders, ended however the
	 * test goes.
	 */
	private record Disruption(OrderLoad.Result result, boolean terminalWhileDisrupted, String terminalAfter) {

		/** The isolated payment-service instance cut off over the link, then healed. */
		static Disruption cuttingOff(IsolatedHost.Link link, String loadName) {
			IsolatedHost host = isolatedHost();
			return during(loadName, () -> host.cut(link), () -> host.heal(link));
		}

		static Disruption during(String loadName, Runnable begin, Runnable end) {
			OrderLoad load = OrderLoad.start(stack, OrderLoad.Spec.of(loadName, RATE, LOAD_DURATION));
			load.awaitStarted(2 * RATE);
			begin.run();
			long since = System.nanoTime();
			try {
				OrderLoad.Result result = load.awaitFinished(DISRUPTION);
				Duration left = DISRUPTION.minusNanos(System.nanoTime() - since);
				assertThat(left).as("disruption left when the load had its answers: %s", result.describe())
					.isPositive();
				boolean terminal = checker.awaitTerminal(result.acceptedOrderIds(), left);
				return new Disruption(result, terminal, terminal ? seconds(System.nanoTime() - since) : "NOT");
			}
			finally {
				end.run();
			}
		}

		/**
		 * Audits the load ({@code FAULT} line), then asserts that no order waited for the
		 * disruption to end: every order accepted, every one terminal while it lasted,
		 * none expired.
		 * @param disruption what it was, to name it: {@code pause}, {@code cut}
		 */
		void assertNothingWaitedFor(String fault, String disruption) {
			InvariantChecker.Report report = audit(
					fault + "; every order terminal " + terminalAfter + " after the " + disruption + " began", result,
					0);
			assertThat(result.notAccepted()).as(result.describe()).isEmpty();
			assertThat(terminalWhileDisrupted).as("every order terminal while the %s lasted", disruption).isTrue();
			assertThat(report.statusCounts()).as("no order waited out its deadline").doesNotContainKey("EXPIRED");
		}

	}

	/** The id of the node leading the order topic's partition 0; 0 while none does. */
	private static int leaderOfFirstOrderPartition(Admin admin) throws InterruptedException, ExecutionException {
		TopicPartitionInfo first = admin.describeTopics(List.of(OrderEvent.TOPIC))
			.allTopicNames()
			.get()
			.get(OrderEvent.TOPIC)
			.partitions()
			.stream()
			.filter(partition -> partition.partition() == 0)
			.findFirst()
			.orElseThrow();
		return (first.leader() == null) ? 0 : first.leader().id();
	}

	/**
	 * Per instance ({@code payment-service-2}), how many records its listeners handled so
	 * far, as its metrics say (its management port: no token).
	 */
	private static Map<String, Double> handledRecords() {
		Map<String, Double> handled = new TreeMap<>();
		for (ServiceProcess instance : stack.allInstances()) {
			String scrape = PrometheusScrape.text(instance.managementUri());
			handled.put(instance.name(),
					PrometheusText.samples(scrape, Set.of("spring_kafka_listener_seconds_count"))
						.stream()
						.mapToDouble(PrometheusText.Sample::value)
						.sum());
		}
		return handled;
	}

	private static InvariantChecker.Report audit(String fault, OrderLoad.Result result, int repeatedEmailsAllowed) {
		return log.audit(() -> fault, result, repeatedEmailsAllowed);
	}

	private static String seconds(long nanos) {
		return FaultLog.seconds(nanos);
	}

	/**
	 * A consumer group as it was before the kill: its members and every partition they
	 * owned.
	 */
	private record GroupBefore(String name, int members, Set<TopicPartition> partitions) {

		static GroupBefore describe(Admin admin, String group) throws InterruptedException, ExecutionException {
			ConsumerGroupDescription description = describe(admin, List.of(group)).get(group);
			assertThat(description.members()).as("members of %s before the kill", group)
				.hasSize(SystemUnderTest.INSTANCES);
			return new GroupBefore(group, description.members().size(), owned(description));
		}

		/**
		 * Polls every 100 ms, for at most a minute, until, in each group, one member
		 * fewer owns every partition the group owned before.
		 * @return per group taken over, how long after {@code since} that was first seen
		 */
		static Map<String, Duration> awaitTakenOver(Admin admin, List<GroupBefore> groups, long since) {
			Map<String, Duration> takenOver = new TreeMap<>();
			try {
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
					Map<String, ConsumerGroupDescription> now = describe(admin,
							groups.stream().map(GroupBefore::name).toList());
					long seen = System.nanoTime();
					for (GroupBefore group : groups) {
						ConsumerGroupDescription description = now.get(group.name());
						if (!takenOver.containsKey(group.name()) && description.members().size() == group.members() - 1
								&& owned(description).containsAll(group.partitions())) {
							takenOver.put(group.name(), Duration.ofNanos(seen - since));
						}
					}
					return takenOver.size() == groups.size();
				});
			}
			catch (ConditionTimeoutException ex) {
				// the test names the groups that were not taken over, after its audit
			}
			return takenOver;
		}

		private static Map<String, ConsumerGroupDescription> describe(Admin admin, List<String> groups)
				throws InterruptedException, ExecutionException {
			return admin.describeConsumerGroups(groups).all().get();
		}

		private static Set<TopicPartition> owned(ConsumerGroupDescription group) {
			Set<TopicPartition> owned = new HashSet<>();
			for (MemberDescription member : group.members()) {
				owned.addAll(member.assignment().topicPartitions());
			}
			return owned;
		}

	}

}
