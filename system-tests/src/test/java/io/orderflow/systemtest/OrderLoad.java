package io.orderflow.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.orderflow.authorization.Customer;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.probes.identity.ClientCredentials;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * An open-model load generator: it places orders over HTTP at a fixed rate, whatever the
 * system's answers, for a bounded number of orders and a bounded time, and stops by
 * itself.
 *
 * <p>
 * Every order has its own {@code Idempotency-Key}. A request that got no answer
 * (connection refused, timeout) or a 5xx is retried a bounded number of times with the
 * same key, so that "the order was answered 2xx" is well defined: the system promised to
 * keep it, whichever attempt got the answer. Between attempts the client backs off, and
 * waits at least as long as a {@code Retry-After} asks, as the services' {@code 503}s
 * tell clients to. Every attempt is recorded, so a test can also assert that no attempt
 * ever failed.
 *
 * <p>
 * The mix is deterministic: one order in five pays with a card the provider declines.
 *
 * <p>
 * With several instances of order-service the orders are spread over them in turn, and a
 * retry goes to the next instance, as a client behind a load balancer that avoids the
 * instance that just failed: an instance that is gone costs an attempt, not the order.
 *
 * <p>
 * Orders are placed as customers of the run's own, one per recipient: with the
 * {@linkplain Spec#withRefusedRecipients refused recipients}, one whose email the mail
 * server greylists and one whose email does not exist. Their tokens are fetched before
 * the first order, so the identity provider is not on the path of the load (and may be
 * stopped under it).
 */
final class OrderLoad {

	static final String APPROVED_CARD = "pm_card_visa";

	static final String DECLINED_CARD = "pm_card_chargeDeclined";

	/**
	 * With the pauses below, a client keeps trying for about 10 s (more when the service
	 * asks for pauses in {@code Retry-After}): longer than a service takes to restart.
	 */
	private static final int MAX_ATTEMPTS = 8;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(250);

	private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(2);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** {@code /api/orders} of every order-service instance. */
	private final List<URI> orders;

	private final Spec spec;

	private final String runId = UUID.randomUUID().toString().substring(0, 8);

	/** The run's customers by id, each with a token already fetched. */
	private final Map<String, ClientCredentials> customers = new LinkedHashMap<>();

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<Integer, Answer> answers = new ConcurrentHashMap<>();

	private final AtomicInteger sent = new AtomicInteger();

	private volatile long startedAt;

	private volatile ScheduledFuture<?> ticks;

	/**
	 * @param name names the run in customer ids, e.g. {@code payment-killed}
	 * @param ratePerSecond orders started per second, whatever the answers
	 * @param maxDuration the load stops after this long even if not every order was
	 * started
	 */
	record Spec(String name, int ratePerSecond, int orders, Duration maxDuration, boolean refusedRecipients) {

		static Spec of(String name, int ratePerSecond, Duration duration) {
			return new Spec(name, ratePerSecond, (int) (ratePerSecond * duration.toMillis() / 1000), duration, false);
		}

		/**
		 * The same load, where one order in ten is for a recipient the mail server
		 * greylists and one in ten for one that does not exist.
		 */
		Spec withRefusedRecipients() {
			return new Spec(name, ratePerSecond, orders, maxDuration, true);
		}

		/**
		 * Who places the order of this index: the run's customer, or its customer whose
		 * email the mail server refuses.
		 */
		String customerOf(String runCustomer, int index) {
			if (refusedRecipients && index % 10 == 3) {
				return runCustomer + "-greylisted";
			}
			if (refusedRecipients && index % 10 == 7) {
				return runCustomer + "-nonexistent";
			}
			return runCustomer;
		}

		/** Whose email the order of this index is for. */
		String emailOf(String customerId, int index) {
			if (refusedRecipients && index % 10 == 3) {
				return customerId + "@" + RecipientPolicy.GREYLISTED_DOMAIN;
			}
			if (refusedRecipients && index % 10 == 7) {
				return customerId + "@" + RecipientPolicy.NONEXISTENT_DOMAIN;
			}
			return customerId + "@example.com";
		}

		@Override
		public String toString() {
			return "%d orders at %d/s over %ds (80%% %s, 20%% %s%s)".formatted(orders, ratePerSecond,
					maxDuration.toSeconds(), APPROVED_CARD, DECLINED_CARD,
					refusedRecipients ? "; 10% greylisted, 10% non-existent recipients" : "");
		}

	}

	/**
	 * One attempt: the HTTP status, or 0 and what went wrong when there was no answer.
	 */
	record Attempt(int status, String failure) {

		boolean answered2xx() {
			return status / 100 == 2;
		}

		@Override
		public String toString() {
			return status == 0 ? "no answer (" + failure + ")" : String.valueOf(status);
		}

	}

	/**
	 * The fate of one order: every attempt, and the order id when an attempt was answered
	 * 2xx.
	 */
	record Answer(int index, String idempotencyKey, String paymentMethod, String customerId, String email,
			List<Attempt> attempts, String orderId) {

		Attempt last() {
			return attempts.getLast();
		}

		boolean answered2xx() {
			return last().answered2xx() && orderId != null;
		}

		boolean everyAttemptAnswered202() {
			return attempts.stream().allMatch(attempt -> attempt.status() == 202);
		}

	}

	/** Every answer of a finished run. */
	record Result(Spec spec, List<Answer> answers, Duration took) {

		List<String> acceptedOrderIds() {
			return answers.stream().filter(Answer::answered2xx).map(Answer::orderId).toList();
		}

		List<Answer> notAccepted() {
			return answers.stream().filter(answer -> !answer.answered2xx()).toList();
		}

		/**
		 * Orders with at least one attempt that was not answered 202 (a 5xx, a 4xx, no
		 * answer).
		 */
		List<Answer> withFailedAttempts() {
			return answers.stream().filter(answer -> !answer.everyAttemptAnswered202()).toList();
		}

		long retried() {
			return answers.stream().filter(answer -> answer.attempts().size() > 1).count();
		}

		/**
		 * How many attempts got each answer, e.g. {@code {202=118, no answer
		 * (HttpTimeoutException)=3}}.
		 */
		Map<String, Long> attemptOutcomes() {
			return answers.stream()
				.flatMap(answer -> answer.attempts().stream())
				.collect(Collectors.groupingBy(Attempt::toString, LinkedHashMap::new, Collectors.counting()));
		}

		String describe() {
			return "%s: %d sent in %.1fs, %d answered 2xx, %d retried, attempts %s".formatted(spec, answers.size(),
					took.toMillis() / 1000.0, acceptedOrderIds().size(), retried(), attemptOutcomes());
		}

	}

	private OrderLoad(LocalStack stack, Spec spec) {
		this.orders = stack.instances(OrderflowService.ORDER)
			.stream()
			.map(instance -> instance.baseUri().resolve("/api/orders"))
			.toList();
		this.spec = spec;
		int distinctRecipients = spec.refusedRecipients() ? 10 : 1;
		for (int index = 0; index < distinctRecipients; index++) {
			String customerId = spec.customerOf(runCustomer(), index);
			if (!customers.containsKey(customerId)) {
				customers.put(customerId,
						Api.customer(stack, new Customer(customerId, spec.emailOf(customerId, index), Api.SECRET)));
			}
		}
	}

	private String runCustomer() {
		return spec.name() + "-" + runId;
	}

	/**
	 * Registers the run's customers, fetches their tokens, and starts placing orders;
	 * returns immediately.
	 */
	static OrderLoad start(LocalStack stack, Spec spec) {
		OrderLoad load = new OrderLoad(stack, spec);
		load.startedAt = System.nanoTime();
		long period = TimeUnit.SECONDS.toNanos(1) / spec.ratePerSecond();
		load.ticks = load.clock.scheduleAtFixedRate(load::tick, 0, period, TimeUnit.NANOSECONDS);
		return load;
	}

	/**
	 * Blocks until at least {@code count} orders were started, to time a fault within the
	 * load.
	 */
	OrderLoad awaitStarted(int count) {
		await().atMost(spec.maxDuration().plusSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> sent.get() >= Math.min(count, spec.orders()));
		return this;
	}

	/**
	 * Waits until every order was started and has its final answer, then releases the
	 * generator's threads.
	 */
	Result awaitFinished(Duration timeout) {
		try {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> ticks.isDone() && answers.size() == sent.get());
			return new Result(spec,
					answers.values().stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList(),
					Duration.ofNanos(System.nanoTime() - startedAt));
		}
		finally {
			clock.shutdownNow();
			requests.shutdownNow();
		}
	}

	private void tick() {
		long elapsed = System.nanoTime() - startedAt;
		if (sent.get() >= spec.orders() || elapsed > spec.maxDuration().toNanos()) {
			ticks.cancel(false);
			return;
		}
		int index = sent.get();
		requests.submit(() -> answers.put(index, place(index)));
		sent.incrementAndGet();
	}

	private Answer place(int index) {
		String paymentMethod = index % 5 == 4 ? DECLINED_CARD : APPROVED_CARD;
		String key = UUID.randomUUID().toString();
		String customerId = spec.customerOf(runCustomer(), index);
		String email = spec.emailOf(customerId, index);
		String body = Api.orderBody(paymentMethod);
		List<Attempt> attempts = new ArrayList<>();
		Duration pause = FIRST_RETRY_PAUSE;
		while (true) {
			HttpRequest request = HttpRequest.newBuilder(orders.get((index + attempts.size()) % orders.size()))
				.timeout(REQUEST_TIMEOUT)
				.header("Authorization", customers.get(customerId).bearer())
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			String orderId = null;
			Attempt attempt;
			Duration serverAsked = Duration.ZERO;
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				attempt = new Attempt(response.statusCode(), null);
				serverAsked = retryAfter(response);
				if (attempt.answered2xx()) {
					orderId = JSON.readTree(response.body()).path("id").asString(null);
				}
			}
			catch (IOException ex) {
				attempt = new Attempt(0, ex.getClass().getSimpleName());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				attempts.add(new Attempt(0, "interrupted"));
				return new Answer(index, key, paymentMethod, customerId, email, Collections.unmodifiableList(attempts),
						null);
			}
			attempts.add(attempt);
			boolean retryable = attempt.status() == 0 || attempt.status() >= 500;
			if (!retryable || attempts.size() >= MAX_ATTEMPTS) {
				return new Answer(index, key, paymentMethod, customerId, email, Collections.unmodifiableList(attempts),
						orderId);
			}
			try {
				// backoff between attempts of a client, not a test waiting for a result
				Thread.sleep(serverAsked.compareTo(pause) > 0 ? serverAsked : pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Answer(index, key, paymentMethod, customerId, email, Collections.unmodifiableList(attempts),
						null);
			}
			pause = pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause.multipliedBy(2);
		}
	}

	/**
	 * The pause a {@code 503} or {@code 429} asks for in {@code Retry-After} (seconds),
	 * which a well-behaved client honours; at most {@link #MAX_RETRY_PAUSE}, zero when
	 * there is none.
	 */
	private static Duration retryAfter(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Retry-After")
			.filter(value -> value.matches("\\d{1,4}"))
			.map(value -> Duration.ofSeconds(Long.parseLong(value)))
			.map(asked -> asked.compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : asked)
			.orElse(Duration.ZERO);
	}

}
