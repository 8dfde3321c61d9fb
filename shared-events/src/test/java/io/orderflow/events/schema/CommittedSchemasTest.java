package io.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.events.EventFamilies;
import io.orderflow.events.schema.CommittedSchemas.Comparison;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The committed schemas are the published contract: what the records generate today may
 * only differ from them compatibly, and the files must be regenerated when it differs at
 * all.
 */
class CommittedSchemasTest {

	@Test
	void noBreakingChangeToAPublishedSchema() {
		List<String> breaking = CommittedSchemas.compareAll()
			.stream()
			.flatMap(comparison -> comparison.breakingChanges().stream())
			.toList();

		assertThat(breaking)
			.withFailMessage(() -> "Breaking change(s) to published event contracts:\n - "
					+ String.join("\n - ", breaking) + "\n" + CommittedSchemas.NEW_VERSION_ADVICE)
			.isEmpty();
	}

	@Test
	void everyCatalogTypeHasACommittedSchema() {
		List<String> missing = CommittedSchemas.compareAll()
			.stream()
			.filter(Comparison::missing)
			.map(Comparison::type)
			.toList();

		assertThat(missing)
			.withFailMessage(() -> "No committed schema for " + missing + " in " + CommittedSchemas.directory()
					+ ". Generate it with: " + CommittedSchemas.REGENERATE_COMMAND)
			.isEmpty();
	}

	@Test
	void committedSchemasAreUpToDate() {
		// a breaking difference is reported by noBreakingChangeToAPublishedSchema; this
		// is compatible drift only
		List<String> stale = CommittedSchemas.compareAll()
			.stream()
			.filter(c -> !c.missing() && !c.upToDate() && c.breakingChanges().isEmpty())
			.map(Comparison::type)
			.toList();

		assertThat(stale)
			.withFailMessage(() -> "Committed schema(s) " + stale
					+ " are stale: the records changed compatibly. Regenerate and commit them with: "
					+ CommittedSchemas.REGENERATE_COMMAND)
			.isEmpty();
	}

	@Test
	void everyCommittedSchemaBelongsToACatalogType() {
		Set<String> orphans = new TreeSet<>(CommittedSchemas.committedTypes());
		orphans.removeAll(EventFamilies.catalogByType().keySet());

		assertThat(orphans)
			.withFailMessage(() -> "Committed schema(s) for " + orphans
					+ " but no catalog registers these types any more. Events of a published type stay in the topics:"
					+ " keep the type registered until it is retired, then delete its schema file by hand.")
			.isEmpty();
	}

	@Test
	void generatedSchemasFollowTheConventions() {
		for (Comparison comparison : CommittedSchemas.compareAll()) {
			var schema = comparison.generated();
			assertThat(schema.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
			assertThat(schema.get("$id").stringValue()).isEqualTo("urn:orderflow:schema:" + comparison.type());
			assertThat(schema.get("title").stringValue()).isEqualTo(comparison.type());
			assertThat(schema.get("type").stringValue()).isEqualTo("object");
			assertThat(schema.get("additionalProperties").booleanValue()).as("tolerant reader").isTrue();
			for (String common : List.of("eventId", "occurredAt", "orderId")) {
				assertThat(schema.at("/required").values()).extracting(node -> node.stringValue()).contains(common);
			}
			assertThat(schema.at("/properties/eventId/format").stringValue()).isEqualTo("uuid");
			assertThat(schema.at("/properties/occurredAt/format").stringValue()).isEqualTo("date-time");
		}
	}

}
