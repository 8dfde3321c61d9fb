package io.orderflow.console;

import java.net.InetSocketAddress;
import java.net.URI;

import io.orderflow.console.status.ServiceEndpoint;
import io.orderflow.probes.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A service's further instances, as the local stack adds them with {@code --instances}.
 */
class ConsoleSettingsTest {

	private static final ConsoleSettings ONE_EACH = ConsoleSettings
		.of(new InetSocketAddress("127.0.0.1", 0), new KafkaConnection("localhost:9092", "console", "secret"),
				URI.create("http://localhost:8081"), URI.create("http://localhost:8082"),
				URI.create("http://localhost:8083"), URI.create("http://localhost:8090"))
		.withManagement(URI.create("http://localhost:9181"), URI.create("http://localhost:9182"),
				URI.create("http://localhost:9183"));

	private static final ServiceEndpoint SECOND_PAYMENT = ServiceEndpoint.instance(ConsoleSettings.PAYMENT_SERVICE, 2,
			URI.create("http://localhost:18082"), URI.create("http://localhost:19182"));

	@Test
	void anotherInstanceIsNamedByItsNumberAndReadsInItsServicesConsumerGroup() {
		assertThat(SECOND_PAYMENT).isEqualTo(new ServiceEndpoint("payment-service-2",
				URI.create("http://localhost:18082"), URI.create("http://localhost:19182"), "payment-service"));
		assertThat(SECOND_PAYMENT.actuator("/actuator/health"))
			.isEqualTo(URI.create("http://localhost:19182/actuator/health"));
	}

	@Test
	void theFirstInstanceIsTheServicesOwnEndpointNotANumberedOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceEndpoint.instance("payment-service", 1, URI.create("http://localhost:8082"),
					URI.create("http://localhost:9182")))
			.withMessageContaining("numbered from 2");
	}

	@Test
	void withAnInstanceTheServiceHasTwoAndTheOthersOneFirstInstanceFirst() {
		ConsoleSettings settings = ONE_EACH.withInstance(SECOND_PAYMENT);

		assertThat(ServiceEndpoint.byService(settings.services())).containsOnlyKeys("order-service", "payment-service",
				"notification-service");
		assertThat(ServiceEndpoint.byService(settings.services()).get("payment-service"))
			.extracting(ServiceEndpoint::name, ServiceEndpoint::baseUri, ServiceEndpoint::managementUri)
			.containsExactly(
					tuple("payment-service", URI.create("http://localhost:8082"), URI.create("http://localhost:9182")),
					tuple("payment-service-2", URI.create("http://localhost:18082"),
							URI.create("http://localhost:19182")));
		assertThat(ServiceEndpoint.byService(settings.services()).get("order-service"))
			.extracting(ServiceEndpoint::name)
			.containsExactly("order-service");
		assertThat(ServiceEndpoint.firstInstances(settings.services())).isEqualTo(ONE_EACH.services());
		assertThat(settings.service(ConsoleSettings.PAYMENT_SERVICE).baseUri())
			.isEqualTo(URI.create("http://localhost:8082"));
	}

	@Test
	void theFirstInstancesKeepTheirManagementPortsWhateverComesAfter() {
		ConsoleSettings settings = ONE_EACH.withInstance(SECOND_PAYMENT)
			.withManagement(URI.create("http://localhost:9281"), URI.create("http://localhost:9282"),
					URI.create("http://localhost:9283"));

		assertThat(settings.services()).extracting(ServiceEndpoint::name, ServiceEndpoint::managementUri)
			.containsExactly(tuple("order-service", URI.create("http://localhost:9281")),
					tuple("payment-service", URI.create("http://localhost:9282")),
					tuple("notification-service", URI.create("http://localhost:9283")),
					tuple("payment-service-2", URI.create("http://localhost:19182")));
	}

	@Test
	void theRecordStillTakesItsComponentsAsBefore() {
		ConsoleSettings settings = new ConsoleSettings(ONE_EACH.address(), ONE_EACH.kafka(),
				ONE_EACH.withInstance(SECOND_PAYMENT).services(), ONE_EACH.provider(), ONE_EACH.identity(), "group", 10,
				null, null);

		assertThat(settings.services()).hasSize(4);
	}

	@Test
	void anInstanceOfNoneOfTheServicesOrUnderATakenNameIsRefused() {
		ServiceEndpoint stranger = ServiceEndpoint.instance("inventory-service", 2,
				URI.create("http://localhost:18084"), URI.create("http://localhost:19184"));

		assertThatIllegalArgumentException().isThrownBy(() -> ONE_EACH.withInstance(stranger))
			.withMessageContaining("no instance of one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ONE_EACH.withInstance(SECOND_PAYMENT).withInstance(SECOND_PAYMENT))
			.withMessageContaining("Two endpoints of one name");
	}

}
