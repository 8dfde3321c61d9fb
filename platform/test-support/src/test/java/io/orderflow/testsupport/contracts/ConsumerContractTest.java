package io.orderflow.testsupport.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.orderflow.events.PublishedSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit: what a consumer's build says when a producer's change would break it, or a
 * fixture it depends on is gone.
 */
class ConsumerContractTest {

	private static final ConsumerContract ORDER_SERVICE = ConsumerContract.of("order-service",
			"orderflow.payment.declined.v1", "orderflow.payment.voided.v1");

	@TempDir
	Path contracts;

	@Test
	void aBrokenFixtureFailsNamingTheConsumerTheFixtureAndWhatToDo() throws IOException {
		ContractFixture broken = fixture("payment-service/orderflow.payment.declined.v1.json",
				ProducerContractCheckTest.VALID.replace("\"reason\": \"insufficient_funds\"", "\"why\": \"expired\""));

		assertThatThrownBy(() -> ORDER_SERVICE.assertProducerStillPublishes(broken)).hasMessageStartingWith(
				"Breaks order-service: its contract fixture order-service/src/test/resources/contracts/payment-service/"
						+ "orderflow.payment.declined.v1.json (orderflow.payment.declined.v1, what order-service reads"
						+ " from payment-service) no longer matches what payment-service publishes:\n - ")
			.hasMessageContaining("payload no longer deserialises into")
			.hasMessageContaining(PublishedSchemas.NEW_VERSION_ADVICE)
			.hasMessageEndingWith("correct it with order-service's owners. See shared-events/README.md, \"Consumer"
					+ " contracts\".");
		assertThatCode(() -> ORDER_SERVICE.assertProducerStillPublishes(
				fixture("payment-service/orderflow.payment.declined.v1.json", ProducerContractCheckTest.VALID)))
			.doesNotThrowAnyException();
	}

	@Test
	void everyConsumedTypeNeedsAFixtureAndEveryFixtureAConsumedType() throws IOException {
		ContractFixture declined = fixture("payment-service/orderflow.payment.declined.v1.json",
				ProducerContractCheckTest.VALID);

		assertThatThrownBy(() -> ORDER_SERVICE.assertEveryConsumedTypeHasAFixture(List.of(declined)))
			.hasMessageContaining("a producer change could break order-service unnoticed:\n - order-service has no"
					+ " fixture of orderflow.payment.voided.v1 (expected order-service/src/test/resources/contracts/"
					+ "payment-service/orderflow.payment.voided.v1.json)");
		assertThatThrownBy(() -> ConsumerContract
			.of("order-service", "orderflow.payment.declined.v1", "orderflow.payment.refunded.v1")
			.assertEveryConsumedTypeHasAFixture(
					List.of(declined, fixture("payment-service/" + "orderflow.payment.voided.v1.json", "{}"))))
			.hasMessageContaining("orderflow.payment.refunded.v1");
		assertThatThrownBy(() -> ConsumerContract.of("order-service", "orderflow.payment.declined.v1")
			.assertEveryConsumedTypeHasAFixture(
					List.of(declined, fixture("payment-service/" + "orderflow.payment.voided.v1.json", "{}"))))
			.hasMessageContaining("does not list as consumed");
		assertThatCode(() -> ConsumerContract.of("order-service", "orderflow.payment.declined.v1")
			.assertEveryConsumedTypeHasAFixture(List.of(declined))).doesNotThrowAnyException();
	}

	private ContractFixture fixture(String relative, String json) throws IOException {
		Path file = contracts.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, json);
		return new ContractFixture(relative, file);
	}

}
