package io.orderflow.events.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.events.EventFamilies;
import io.orderflow.events.PublishedSchemas;
import io.orderflow.events.schema.CommittedSchemas;
import io.orderflow.events.schema.EventSchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the consumers' contract tests check their fixtures against
 * (platform/test-support's {@code ConsumerContract}, run in each consumer's own build):
 * the committed schema of every catalog type, found in this module's jar by its wire
 * type.
 */
class PublishedSchemasTest {

	static Stream<String> types() {
		return EventFamilies.catalogByType().keySet().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("types")
	void theCommittedSchemaIsPublishedUnderItsWireType(String type) {
		URL published = PublishedSchemas.find(type)
			.orElseThrow(() -> new AssertionError("no " + PublishedSchemas.resourceOf(type) + " on the classpath"));

		assertThat(EventSchemaGenerator.parse(text(published))).as("%s is the committed schema", published)
			.isEqualTo(CommittedSchemas.read(type));
	}

	@Test
	void aTypeNoCatalogRegistersHasNoSchema() {
		assertThat(PublishedSchemas.find("orderflow.payment.declined.v9")).isEmpty();
	}

	private static String text(URL url) {
		try (InputStream in = url.openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
