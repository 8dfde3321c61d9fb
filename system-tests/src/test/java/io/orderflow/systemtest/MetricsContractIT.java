package io.orderflow.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.probes.metrics.PrometheusText;
import io.orderflow.systemtest.compose.MetricsContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics the dashboards and alert rules read
 * ({@code deploy/docker/metrics-contract.txt}, one name per line) are exposed by the
 * running system, each by at least one service and tagged with that service's name
 * ({@code application}), as Prometheus scrapes them.
 *
 * <p>
 * Runs after {@link SagaSystemIT}, so that traffic has flowed (a timer or a per-partition
 * lag appears once it is used), and before {@link FaultSuiteIT}, on a system in a normal
 * state.
 */
@Order(Order.DEFAULT + 1)
class MetricsContractIT {

	/** Every service runs platform/messaging, so every one exposes these. */
	private static final List<String> MESSAGING_METRICS = List.of("orderflow_outbox_backlog",
			"orderflow_outbox_oldest_age_seconds", "orderflow_dead_letters",
			"kafka_consumer_fetch_manager_records_lag_max", "spring_kafka_listener_seconds_count");

	/**
	 * Kafka's client metrics reach Micrometer once a minute; per-partition ones after the
	 * first fetch.
	 */
	private static final Duration EXPOSED = Duration.ofSeconds(90);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static LocalStack stack;

	@BeforeAll
	static void startSystem() {
		stack = SystemUnderTest.stack();
	}

	@Test
	void everyMetricOfTheContractIsExposedByAServiceTaggedWithTheServiceName() throws IOException {
		Set<String> contract = MetricsContract.names();
		assertThat(contract).isNotEmpty();

		await().atMost(EXPOSED).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Set<String> exposed = new TreeSet<>();
			exposedByService().values().forEach(exposed::addAll);
			assertThat(contract)
				.as("metrics of deploy/docker/metrics-contract.txt that no service exposes with its application tag")
				.isSubsetOf(exposed);
		});
	}

	@Test
	void everyServiceExposesTheMetricsOfItsMessaging() {
		await().atMost(EXPOSED)
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> exposedByService().forEach(
					(service, metrics) -> assertThat(metrics).as(service.moduleName()).containsAll(MESSAGING_METRICS)));
	}

	/** The metric names each service exposes with {@code application} = its own name. */
	private static Map<OrderflowService, Set<String>> exposedByService() throws IOException {
		Set<String> wanted = new TreeSet<>(MetricsContract.names());
		wanted.addAll(MESSAGING_METRICS);
		Map<OrderflowService, Set<String>> exposed = new EnumMap<>(OrderflowService.class);
		for (OrderflowService service : OrderflowService.values()) {
			Set<String> names = new TreeSet<>();
			for (PrometheusText.Sample sample : PrometheusText.samples(scrape(service), wanted)) {
				if (service.moduleName().equals(sample.labels().get("application"))) {
					names.add(sample.name());
				}
			}
			exposed.put(service, names);
		}
		return exposed;
	}

	private static String scrape(OrderflowService service) {
		// the management port, as Prometheus scrapes it: no token
		URI uri = stack.service(service).managementUri().resolve("/actuator/prometheus");
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(uri).header("Accept", "text/plain").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not scrape " + uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
