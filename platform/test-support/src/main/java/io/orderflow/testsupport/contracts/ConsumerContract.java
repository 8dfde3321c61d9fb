package io.orderflow.testsupport.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.PublishedSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One consumer's contract with the producers it reads, verified in the consumer's own
 * build against the contracts its build depends on (shared-events' records, catalogs and
 * published schemas), as a Pact-style consumer contract is: the sample messages it keeps
 * as fixtures ({@code src/test/resources/contracts/<producer>/<wire type>.json}, see
 * shared-events/README.md, "Consumer contracts") must still be what their producer
 * publishes, and every type it consumes must have one, so that a producer's change that
 * would break it fails this consumer's build, naming it and the fixture. A consumer's
 * test runs both through {@link ConsumerContractTests}.
 *
 * @param consumer the consumer's name, as its module is named (e.g.
 * {@code payment-service})
 * @param consumed the wire types it depends on: those it acts on, and those it passes
 * over but pins as tolerated
 */
public record ConsumerContract(String consumer, Set<String> consumed) {

	public ConsumerContract {
		consumed = Set.copyOf(consumed);
	}

	public static ConsumerContract of(String consumer, String... consumed) {
		return new ConsumerContract(consumer, Set.of(consumed));
	}

	/**
	 * The producer still publishes what the fixture holds; otherwise fails saying whom it
	 * breaks and what to do.
	 */
	public void assertProducerStillPublishes(ContractFixture fixture) {
		List<String> problems = ProducerContractCheck.problems(fixture);

		assertThat(problems).withFailMessage(() -> report(fixture, problems)).isEmpty();
	}

	/**
	 * Every consumed type has a fixture and every fixture is of a consumed type, so that
	 * a fixture cannot vanish unnoticed and the list stays what the consumer depends on.
	 */
	public void assertEveryConsumedTypeHasAFixture(List<ContractFixture> fixtures) {
		List<String> missing = new ArrayList<>();
		new TreeSet<>(consumed).forEach(type -> {
			if (fixtures.stream().noneMatch(fixture -> fixture.wireType().equals(type))) {
				missing.add(consumer + " has no fixture of " + type + " (expected " + consumer + "/"
						+ ContractFixture.LOCATION + "/" + producerFolderOf(type) + "/" + type + ".json)");
			}
		});

		assertThat(missing)
			.withFailMessage(() -> "Consumer contract fixtures are missing, so a producer change could" + " break "
					+ consumer + " unnoticed:\n - " + String.join("\n - ", missing) + "\nFound on the test classpath: "
					+ fixtures)
			.isEmpty();
		assertThat(fixtures).extracting(ContractFixture::wireType)
			.as("fixtures of types %s does not list as consumed (list them, or remove the fixture)", consumer)
			.allMatch(consumed::contains);
	}

	private static String producerFolderOf(String type) {
		EventCatalog<?> catalog = PublishedEvents.catalogByType().get(type);
		return catalog == null ? "<producer>" : PublishedEvents.producerOf(catalog);
	}

	private String report(ContractFixture fixture, List<String> problems) {
		return "Breaks " + consumer + ": its contract fixture " + fixture.location(consumer) + " (" + fixture.wireType()
				+ ", what " + consumer + " reads from " + fixture.producer() + ") no longer matches what "
				+ fixture.producer() + " publishes:\n - " + String.join("\n - ", problems) + "\n"
				+ "Keep the change compatible for " + consumer + " (add an optional field rather than rename, remove"
				+ " or retype one). If it must break: " + PublishedSchemas.NEW_VERSION_ADVICE + " If the fixture itself"
				+ " is wrong, correct it with " + consumer + "'s owners. See shared-events/README.md, \"Consumer"
				+ " contracts\".";
	}

}
