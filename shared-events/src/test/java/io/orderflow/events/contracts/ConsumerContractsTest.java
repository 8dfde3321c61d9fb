package io.orderflow.events.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.EventFamilies;
import io.orderflow.events.contracts.ContractFixtures.Fixture;
import io.orderflow.events.schema.CommittedSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Consumer-driven contract tests, on the producer's side: every sample message a consumer keeps as a fixture
 * ({@code <consumer>/src/test/resources/contracts/<producer>/<wire type>.json}) must still be what the producer
 * publishes. shared-events owns the producers' contracts and is built first, so a change to an event record that
 * would break a consumer fails here, naming the consumer and its fixture, before any service is built.
 */
class ConsumerContractsTest {

	/**
	 * What each consumer depends on (the types it acts on, and one it passes over to pin that it is tolerated), so
	 * that a consumer's fixture cannot vanish unnoticed. A new consumer adds itself here with its fixtures.
	 */
	static final Map<String, Set<String>> CONSUMED = Map.of(
			"order-service", Set.of("orderflow.payment.authorized.v1", "orderflow.payment.declined.v1",
					"orderflow.payment.declined.v2", "orderflow.payment.refunded.v1", "orderflow.payment.voided.v1"),
			"payment-service", Set.of("orderflow.order.placed.v1", "orderflow.order.cancellation-requested.v1",
					"orderflow.order.expired.v1", "orderflow.order.confirmed.v1"),
			"notification-service", Set.of("orderflow.order.confirmed.v1", "orderflow.order.rejected.v1",
					"orderflow.order.cancelled.v1", "orderflow.order.expired.v1", "orderflow.order.placed.v1"));

	static Stream<Fixture> fixtures() {
		return ContractFixtures.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void producerStillPublishesWhatTheConsumerExpects(Fixture fixture) {
		List<String> problems = ContractCheck.problems(fixture);

		assertThat(problems).withFailMessage(() -> report(fixture, problems)).isEmpty();
	}

	@Test
	void everyConsumedTypeHasAFixture() {
		List<Fixture> fixtures = ContractFixtures.all();
		List<String> missing = new ArrayList<>();
		CONSUMED.forEach((consumer, types) -> types.forEach(type -> {
			if (fixtures.stream().noneMatch(f -> f.consumer().equals(consumer) && f.wireType().equals(type))) {
				missing.add(consumer + " has no fixture of " + type + " (expected " + consumer + "/"
						+ ContractFixtures.LOCATION + "/" + producerFolderOf(type) + "/" + type + ".json)");
			}
		}));

		assertThat(missing.stream().sorted().toList())
			.withFailMessage(() -> "Consumer contract fixtures are missing, so a producer change could break these"
					+ " consumers unnoticed:\n - " + String.join("\n - ", missing.stream().sorted().toList())
					+ "\nFound under " + ContractFixtures.repositoryRoot() + ": " + fixtures)
			.isEmpty();
	}

	@Test
	void everyConsumerWithFixturesIsListed() {
		Set<String> consumers = ContractFixtures.all()
			.stream()
			.map(Fixture::consumer)
			.collect(Collectors.toCollection(TreeSet::new));

		assertThat(consumers).as("modules keeping contract fixtures; list a new consumer in CONSUMED")
			.containsExactlyInAnyOrderElementsOf(CONSUMED.keySet());
	}

	@Test
	void theCheckRejectsWhatItMust(@TempDir Path root) throws IOException {
		String orderId = "0b4f7c1e-8f0a-4c55-9a4e-2d7a1f3c9b10";
		String valid = """
				{"headers": {"ce_type": "orderflow.payment.declined.v1",
				             "ce_id": "00000000-0000-4000-8000-000000000008", "ce_subject": "%s"},
				 "key": "%s",
				 "payload": {"eventId": "00000000-0000-4000-8000-000000000008", "orderId": "%s",
				             "occurredAt": "2025-03-14T09:26:53.989793Z", "reason": "insufficient_funds"}}"""
			.formatted(orderId, orderId, orderId);

		assertThat(ContractCheck.problems(fixture(root, "payment-service", "orderflow.payment.declined.v1.json",
				valid))).isEmpty();
		assertThat(ContractCheck.problems(fixture(root, "payment-service",
				"orderflow.payment.declined.v1--tolerant.json", valid.replace("\"reason\"", "\"addedLater\": 1, \"reason\""))))
			.as("an unknown field is tolerated")
			.isEmpty();
		assertThat(ContractCheck.problems(fixture(root, "payment-service", "orderflow.payment.declined.v1.json",
				valid.replace("\"insufficient_funds\"", "null"))))
			.as("a null required field")
			.anyMatch(p -> p.startsWith("payload is not valid against the committed schema"))
			.anyMatch(p -> p.startsWith("payload no longer deserialises into " + EventFamilies
				.classOf("orderflow.payment.declined.v1")
				.getName()));
		assertThat(ContractCheck.problems(fixture(root, "payment-service", "orderflow.payment.declined.v1.json",
				valid.replace("\"key\": \"" + orderId, "\"key\": \"another-key"))))
			.containsExactly("key 'another-key' does not match the payload orderId '" + orderId
					+ "' (consumers refuse such a record)");
		assertThat(ContractCheck.problems(fixture(root, "order-service", "orderflow.payment.refunded.v1.json",
				valid)))
			.as("file name and ce_type disagree")
			.anyMatch(p -> p.contains("the file name says orderflow.payment.refunded.v1"));
		assertThat(ContractCheck.problems(fixture(root, "order-service", "orderflow.payment.declined.v1.json",
				valid)))
			.as("producer folder")
			.anyMatch(p -> p.contains("is published by payment-service"));
		assertThat(ContractCheck.problems(fixture(root, "payment-service", "orderflow.payment.declined.v9.json",
				valid.replace("declined.v1", "declined.v9"))))
			.anyMatch(p -> p.startsWith("no event catalog registers orderflow.payment.declined.v9"));
	}

	private static Fixture fixture(Path root, String producer, String fileName, String json) throws IOException {
		Path contracts = root.resolve("some-consumer").resolve(ContractFixtures.LOCATION);
		Path file = contracts.resolve(producer).resolve(fileName);
		Files.createDirectories(file.getParent());
		Files.writeString(file, json);
		return ContractFixtures.in(root)
			.stream()
			.filter(f -> f.file().equals(file))
			.findFirst()
			.orElseThrow();
	}

	private static String producerFolderOf(String type) {
		EventCatalog<?> catalog = EventFamilies.catalogByType().get(type);
		return catalog == null ? "<producer>" : ContractCheck.producerOf(catalog);
	}

	private static String report(Fixture fixture, List<String> problems) {
		String consumer = fixture.consumer();
		return "Breaks " + consumer + ": its contract fixture " + fixture.location() + " (" + fixture.wireType()
				+ ", what " + consumer + " reads from " + fixture.producer() + ") no longer matches what "
				+ fixture.producer() + " publishes:\n - " + String.join("\n - ", problems) + "\n"
				+ "Keep the change compatible for " + consumer + " (add an optional field rather than rename, remove"
				+ " or retype one). If it must break: " + CommittedSchemas.NEW_VERSION_ADVICE + " If the fixture itself"
				+ " is wrong, correct it with " + consumer + "'s owners. See shared-events/README.md, \"Consumer"
				+ " contracts\".";
	}

}
