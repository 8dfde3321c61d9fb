package io.orderflow.console.status;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import io.orderflow.console.ClosedPorts;
import io.orderflow.console.client.JsonHttp;
import io.orderflow.probes.http.EmbeddedHttpServer;
import io.orderflow.probes.http.Response;
import io.orderflow.probes.http.Router;
import io.orderflow.probes.kafka.KafkaConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The status the page reads, polled over real HTTP from actuators that answer and from
 * ports where nothing listens; no broker (a closed port), so the lag is the services'
 * own.
 */
class StatusPollerTest {

	private static final String PAYMENT_METRICS = """
			resilience4j_circuitbreaker_state{name="payment-provider",state="closed"} 1.0
			resilience4j_circuitbreaker_state{name="payment-provider",state="open"} 0.0
			orderflow_outbox_backlog 3.0
			orderflow_dead_letters{topic="orderflow.order.events.payment-service.dlt"} 2.0
			kafka_consumer_fetch_manager_records_lag_max{client_id="a"} 17.0
			""";

	private final JsonHttp http = new JsonHttp(Duration.ofSeconds(2));

	private final EmbeddedHttpServer paymentActuator = actuator(PAYMENT_METRICS);

	private final EmbeddedHttpServer otherActuator = actuator("jvm_threads_live_threads 42.0\n");

	private StatusPoller poller;

	@AfterEach
	void stop() {
		if (poller != null) {
			poller.close();
		}
		paymentActuator.close();
		otherActuator.close();
		http.close();
	}

	@Test
	void eachInstanceIsShownUnderItsServiceOneUpAndRunningTheOtherStoppedAndNotAnswering() {
		URI secondBase = ClosedPorts.uri();
		poller = poller(
				List.of(ServiceEndpoint.of("order-service", otherActuator.baseUri()),
						ServiceEndpoint.of("payment-service", URI.create("http://127.0.0.1:8082"))
							.withManagementUri(paymentActuator.baseUri()),
						ServiceEndpoint.of("notification-service", otherActuator.baseUri()),
						ServiceEndpoint.instance("payment-service", 2, secondBase, ClosedPorts.uri())),
				Map.of("order-service", true, "payment-service", true, "notification-service", true,
						"payment-service-2", false));

		SystemStatus status = poller.poll();

		assertThat(status.services()).extracting(ServiceStatus::name, ServiceStatus::health, ServiceStatus::running)
			.containsExactly(tuple("order-service", "UP", true), tuple("payment-service", "PARTIAL", true),
					tuple("notification-service", "UP", true));
		ServiceStatus payment = status.services().get(1);
		assertThat(payment.instances()).containsExactly(
				new InstanceStatus("payment-service", URI.create("http://127.0.0.1:8082"), "UP", true),
				new InstanceStatus("payment-service-2", secondBase, "UNREACHABLE", false));
		assertThat(payment.lag()).as("the service's own lag while the broker is away").isEqualTo(17L);
		assertThat(payment.outboxBacklog()).isEqualTo(3.0);
		assertThat(payment.deadLetters()).isEqualTo(2.0);
		assertThat(status.edges()).contains(new EdgeStatus("payment-provider", "payment-service", "closed"));
		assertThat(status.kafkaReachable()).isFalse();
	}

	@Test
	void theJsonThePageReadsListsBothInstancesOfTheServiceWithTheirStates() {
		URI secondBase = ClosedPorts.uri();
		poller = poller(
				List.of(ServiceEndpoint.of("order-service", otherActuator.baseUri()),
						ServiceEndpoint.of("payment-service", paymentActuator.baseUri()),
						ServiceEndpoint.of("notification-service", ClosedPorts.uri()),
						ServiceEndpoint.instance("payment-service", 2, secondBase, ClosedPorts.uri())),
				Map.of("order-service", true, "payment-service", true, "notification-service", false,
						"payment-service-2", false));

		JsonNode status = JsonHttp.JSON.valueToTree(poller.poll());

		JsonNode payment = service(status, "payment-service");
		assertThat(payment.path("health").asString()).isEqualTo("PARTIAL");
		assertThat(payment.path("instances").size()).isEqualTo(2);
		assertThat(payment.path("instances").get(0).path("name").asString()).isEqualTo("payment-service");
		assertThat(payment.path("instances").get(0).path("baseUri").asString())
			.isEqualTo(paymentActuator.baseUri().toString());
		assertThat(payment.path("instances").get(0).path("health").asString()).isEqualTo("UP");
		assertThat(payment.path("instances").get(0).path("running").asBoolean()).isTrue();
		assertThat(payment.path("instances").get(1).path("name").asString()).isEqualTo("payment-service-2");
		assertThat(payment.path("instances").get(1).path("baseUri").asString()).isEqualTo(secondBase.toString());
		assertThat(payment.path("instances").get(1).path("health").asString()).isEqualTo("UNREACHABLE");
		assertThat(payment.path("instances").get(1).path("running").asBoolean()).isFalse();
		JsonNode notification = service(status, "notification-service");
		assertThat(notification.path("health").asString()).as("one instance: as before").isEqualTo("UNREACHABLE");
		assertThat(notification.path("running").asBoolean()).isFalse();
		assertThat(notification.path("instances").size()).isEqualTo(1);
	}

	@Test
	void whereTheConsoleDoesNotControlTheProcessesNoInstanceSaysWhetherItRuns() {
		poller = new StatusPoller(
				List.of(ServiceEndpoint.of("order-service", otherActuator.baseUri()),
						ServiceEndpoint.of("payment-service", paymentActuator.baseUri()),
						ServiceEndpoint.of("notification-service", otherActuator.baseUri()), ServiceEndpoint
							.instance("payment-service", 2, paymentActuator.baseUri(), paymentActuator.baseUri())),
				ClosedPorts.uri(), nowhere(), http, null);

		SystemStatus status = poller.poll();

		assertThat(status.serviceControls()).isFalse();
		ServiceStatus payment = status.services().get(1);
		assertThat(payment.health()).isEqualTo("UP");
		assertThat(payment.running()).isNull();
		assertThat(payment.instances()).extracting(InstanceStatus::health, InstanceStatus::running)
			.containsExactly(tuple("UP", null), tuple("UP", null));
		assertThat(payment.outboxBacklog()).as("each instance reports the service's one outbox: not summed")
			.isEqualTo(3.0);
	}

	private StatusPoller poller(List<ServiceEndpoint> services, Map<String, Boolean> running) {
		return new StatusPoller(services, ClosedPorts.uri(), nowhere(), http, running::get);
	}

	/** A broker that is not there: the poller gives up on it after its short timeout. */
	private static KafkaConnection nowhere() {
		return new KafkaConnection("127.0.0.1:" + ClosedPorts.port(), "console", "consolePassword1");
	}

	private static JsonNode service(JsonNode status, String name) {
		return StreamSupport.stream(status.path("services").spliterator(), false)
			.filter(service -> service.path("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	/** A service's management port: up, and these metrics. */
	private static EmbeddedHttpServer actuator(String metrics) {
		return EmbeddedHttpServer.start("actuator", new InetSocketAddress("127.0.0.1", 0), 10,
				new Router("urn:test:", "actuator", JsonHttp.JSON)
					.get("/actuator/health", request -> Response.of(200, Map.of("status", "UP")))
					.get("/actuator/prometheus",
							request -> Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics)));
	}

}
