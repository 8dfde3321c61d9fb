package io.orderflow.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.localstack.process.ServiceProcess;
import io.orderflow.systemtest.ConsolePage.OrderRow;
import io.orderflow.testsupport.TopicClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium against the real local stack, doing what the
 * README's tour asks a visitor to do: place orders and see them confirmed; stop
 * payment-service and see orders accepted and waiting; start it and see them complete,
 * each charged once; make the provider fail and see the {@code payment-provider} breaker
 * open, then heal it. Everything is read from the page; an independent
 * {@link InvariantChecker} audits the orders the page placed. Screenshots go to
 * {@code target/screenshots}.
 *
 * <p>
 * Where Chromium is not installed (a developer's machine) the class is skipped, saying
 * so; {@code -Dorderflow.browser.required=true} (as {@code .ci/run} sets) makes that a
 * failure. {@code -Dorderflow.screenshots.write=true} also rewrites the README's
 * screenshot, {@code docs/images/console.png}.
 *
 * <p>
 * Runs after {@link SagaSystemIT} and before {@link FaultSuiteIT} on the same system, and
 * leaves it healthy: no load, no provider faults, every service up, every breaker closed.
 * The system's saga deadline is {@link SystemUnderTest#SAGA_DEADLINE}: orders that wait
 * longer while payment-service restarts expire, and a charge made for them is refunded;
 * those that wait less are confirmed.
 */
@Order(Order.DEFAULT + 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

	private static final String PAYMENT = "payment-service";

	/**
	 * The demo customer the console places its orders as (client {@code customer-c-42}).
	 */
	private static final String CUSTOMER = "c-42";

	private static final Duration SERVICE_READY = Duration.ofSeconds(120);

	private static final Duration AT_REST = SystemUnderTest.SAGA_DEADLINE.plusSeconds(60);

	private static final Path SCREENSHOTS = Path
		.of(System.getProperty("orderflow.screenshots.dir", "target/screenshots"));

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static LocalStack stack;

	private static HeadlessChromium browser;

	private static ConsolePage page;

	private static TopicClient topics;

	private static InvariantChecker checker;

	@BeforeAll
	static void openTheConsole() {
		HeadlessChromium.missing().ifPresent(why -> {
			if (Boolean.getBoolean("orderflow.browser.required")) {
				fail(why);
			}
			// the build's summary does not show why a class was aborted before its tests:
			// say it here
			System.err.println("ConsoleBrowserIT SKIPPED: " + why);
			Assumptions.abort("Browser tests skipped: " + why);
		});
		stack = SystemUnderTest.stack();
		topics = new TopicClient(stack.kafkaAdmin());
		checker = new InvariantChecker(stack, topics);
		browser = HeadlessChromium.start(SCREENSHOTS.resolve("chromedriver.log"), 1440, 1700);
		page = new ConsolePage(browser.driver());
		page.open(stack.console().baseUri());
		await().atMost(Duration.ofSeconds(30)).until(() -> "live".equals(page.connection()));
	}

	@AfterAll
	static void leaveTheSystemHealthy() {
		try {
			if (browser != null) {
				browser.close();
			}
		}
		finally {
			if (stack != null) {
				heal();
			}
			if (topics != null) {
				topics.close();
			}
		}
	}

	@Test
	@Order(1)
	void ordersPlacedOnThePageAreSeenConfirmedOrRejectedChargedAndEmailedOnce() {
		page.placeApprovedOrder();
		await().atMost(Duration.ofSeconds(10)).until(() -> page.placedOrderIds().size() == 1);
		page.placeDeclinedOrder();
		await().atMost(Duration.ofSeconds(10)).until(() -> page.placedOrderIds().size() == 2);
		String declined = page.placedOrderIds().get(0);
		String approved = page.placedOrderIds().get(1);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(row(approved)).extracting(OrderRow::state, OrderRow::charges, OrderRow::emails)
				.containsExactly("CONFIRMED", "1", "1");
			assertThat(row(declined)).extracting(OrderRow::state, OrderRow::charges, OrderRow::emails)
				.containsExactly("REJECTED", "0", "1");
		});
		screenshot("01-orders-confirmed-and-rejected");
		assertThat(page.reportedErrors()).isEmpty();
	}

	@Test
	@Order(2)
	void whilePaymentServiceIsStoppedOrdersAreAcceptedAndWaitThenCompleteWhenItIsBackEachChargedOnce() {
		Instant start = Instant.now();
		page.startLoad(2, 100);
		await().atMost(Duration.ofSeconds(10)).until(page::loadRunning);

		page.stopService(PAYMENT);
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(page.service(PAYMENT))
				.extracting(ConsolePage.ServiceCard::running, ConsolePage.ServiceCard::health)
				.containsExactly("false", "UNREACHABLE"));
		Instant down = Instant.now();
		// accepted and waiting: the page shows orders placed since payment-service went
		// away, PENDING
		await().atMost(Duration.ofSeconds(20))
			.until(() -> placedHereBetween(down, Instant.MAX).stream()
				.filter(row -> row.state().equals("PENDING"))
				.count() >= 3);
		screenshot("02-payment-service-stopped-orders-pending");

		page.startService(PAYMENT);
		await().atMost(SERVICE_READY).untilAsserted(() -> assertThat(page.service(PAYMENT).health()).isEqualTo("UP"));
		Instant up = Instant.now();
		page.stopLoad();
		await().atMost(Duration.ofSeconds(10)).until(() -> !page.loadRunning());

		List<String> waited = placedHereBetween(down, up).stream().map(OrderRow::id).toList();
		assertThat(waited).as("orders placed while payment-service was down").hasSizeGreaterThanOrEqualTo(3);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(rows(waited))
				.allSatisfy(row -> assertThat(row.state()).isIn("CONFIRMED", "EXPIRED")));
		List<OrderRow> completed = rows(waited);
		System.out
			.println("CONSOLE orders placed while payment-service was down: " + ConsolePage.countByState(completed));
		assertThat(completed).as("orders that waited less than the saga deadline complete when payment-service is back")
			.anySatisfy(row -> assertThat(row.state()).isEqualTo("CONFIRMED"));
		List<String> confirmed = completed.stream()
			.filter(row -> row.state().equals("CONFIRMED"))
			.map(OrderRow::id)
			.toList();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(rows(confirmed)).as("charged and emailed once, as the page shows")
				.allSatisfy(row -> assertThat(row).extracting(OrderRow::charges, OrderRow::emails)
					.containsExactly("1", "1")));
		screenshot("03-payment-service-back-orders-complete");
		readmeScreenshot();

		auditOrdersPlacedSince(start);
		assertThat(page.reportedErrors()).isEmpty();
	}

	@Test
	@Order(3)
	void aFailingProviderOpensThePaymentProviderBreakerOnThePageAndHealingClosesIt() {
		Instant start = Instant.now();
		assertThat(page.breaker("payment-provider")).isEqualTo("closed");
		page.startLoad(3, 100);
		await().atMost(Duration.ofSeconds(10)).until(page::loadRunning);

		page.setProviderFaults(1.0, 0);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "1.0".equals(page.providerErrorRate()) || "1".equals(page.providerErrorRate()));
		await().atMost(Duration.ofSeconds(60)).until(() -> "open".equals(page.breaker("payment-provider")));
		screenshot("04-provider-failing-breaker-open");

		page.setProviderFaults(0, 0);
		await().atMost(Duration.ofSeconds(90)).until(() -> "closed".equals(page.breaker("payment-provider")));
		page.stopLoad();
		await().atMost(Duration.ofSeconds(10)).until(() -> !page.loadRunning());
		screenshot("05-provider-healed-breaker-closed");

		auditOrdersPlacedSince(start);
		assertThat(page.reportedErrors()).isEmpty();
	}

	/**
	 * Every order the page placed since {@code start} reaches an outcome, charged at most
	 * once: the checker's audit.
	 */
	private static void auditOrdersPlacedSince(Instant start) {
		// registered as the demo defines it: only the customer reads its orders
		Api api = new Api(stack).as(CUSTOMER, CUSTOMER + "@example.com");
		List<String> ids = new ArrayList<>();
		for (int number = 0;; number++) {
			Api.OrderPage orders = api.orders(number);
			orders.content()
				.stream()
				.filter(order -> !order.history().isEmpty()
						&& !Instant.parse(order.history().getFirst().at()).isBefore(start))
				.forEach(order -> ids.add(order.id()));
			if (number + 1 >= orders.totalPages()) {
				break;
			}
		}
		assertThat(ids).as("orders the page placed").isNotEmpty();
		InvariantChecker.Report report = checker.awaitAtRest(ids, AT_REST);
		System.out.println("CONSOLE audit: " + report.summary());
		assertThat(report.violations()).as(report.summary()).isEmpty();
	}

	private static List<OrderRow> placedHereBetween(Instant from, Instant to) {
		return page.orders()
			.stream()
			.filter(OrderRow::placedHere)
			.filter(row -> row.placedAt() != null && !row.placedAt().isBefore(from) && row.placedAt().isBefore(to))
			.toList();
	}

	private static OrderRow row(String id) {
		return page.orders().stream().filter(row -> row.id().equals(id)).findFirst().orElse(null);
	}

	private static List<OrderRow> rows(List<String> ids) {
		Set<String> wanted = Set.copyOf(ids);
		List<OrderRow> found = page.orders().stream().filter(row -> wanted.contains(row.id())).toList();
		assertThat(found).as("rows on the page").hasSameSizeAs(ids);
		return found;
	}

	private static void screenshot(String name) {
		browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
	}

	/**
	 * The README's picture, rewritten only on request: a committed file must not change
	 * with every test run.
	 */
	private static void readmeScreenshot() {
		if (!Boolean.getBoolean("orderflow.screenshots.write")) {
			return;
		}
		Path target = Path.of(System.getProperty("orderflow.readme.screenshot", "../docs/images/console.png"));
		try {
			Files.createDirectories(target.getParent());
			Files.copy(SCREENSHOTS.resolve("03-payment-service-back-orders-complete.png"), target,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * No load, no provider faults, payment-service running, the provider's breaker
	 * closed: as the next tests expect.
	 */
	private static void heal() {
		stack.provider().faults().set(Duration.ZERO, 0.0);
		command("{\"command\":\"stop-load\"}");
		ServiceProcess payment = stack.service(OrderflowService.PAYMENT);
		if (!payment.isAlive()) {
			payment.start();
		}
		payment.awaitReady(SERVICE_READY);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> snapshot()
				.contains("\"name\":\"payment-provider\",\"caller\":\"payment-service\",\"state\":\"closed\""));
	}

	private static String snapshot() {
		return send(HttpRequest.newBuilder(console("api/snapshot")).build());
	}

	private static void command(String json) {
		send(HttpRequest.newBuilder(console("api/commands"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static URI console(String path) {
		return stack.console().baseUri().resolve(path);
	}

	private static String send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
