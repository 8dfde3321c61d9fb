package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.orderflow.events.schema.CommittedSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event, written as on the wire, is valid against its committed schema and reads
 * back unchanged.
 */
class EventSamplesTest {

	/** Configured as the services' producers and consumers are. */
	private static final JsonMapper WIRE = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	/**
	 * Draft 2020-12 with {@code format} asserted, so a non-UUID or non-ISO-8601 value
	 * fails.
	 */
	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	static Stream<IntegrationEvent> samples() {
		return SampleEvents.all().stream();
	}

	@Test
	void everyCatalogTypeHasExactlyOneSample() {
		List<String> sampled = SampleEvents.all().stream().map(EventFamilies::typeOf).toList();

		assertThat(sampled).doesNotHaveDuplicates()
			.as("add a sample of every new event to SampleEvents")
			.containsExactlyInAnyOrderElementsOf(EventFamilies.catalogByType().keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void sampleIsValidAgainstItsCommittedSchema(IntegrationEvent event) {
		String type = EventFamilies.typeOf(event);
		JsonNode committed = CommittedSchemas.read(type);
		Schema schema = SCHEMAS.getSchema(committed);
		String json = WIRE.writeValueAsString(event);

		List<Error> errors = schema.validate(WIRE.readTree(json));

		assertThat(errors).as("%s against %s", json, type).isEmpty();
		assertThat(WIRE.readTree(json).propertyNames()).as("wire fields of %s", type)
			.containsExactlyInAnyOrderElementsOf(committed.get("properties").propertyNames());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void sampleRoundTrips(IntegrationEvent event) {
		String json = WIRE.writeValueAsString(event);

		assertThat(WIRE.readValue(json, event.getClass())).isEqualTo(event);
	}

	@Test
	void theWireFormatIsWhatTheSchemasDescribe() {
		IntegrationEvent placed = SampleEvents.all().getFirst();
		String text = WIRE.writeValueAsString(placed);
		JsonNode json = WIRE.readTree(text);

		assertThat(text).as("amounts are plain JSON numbers, scale kept").contains("\"total\":59.90,");
		assertThat(json.get("occurredAt").stringValue()).isEqualTo("2025-03-14T09:26:53.589793Z");
		assertThat(json.get("orderId").stringValue()).isEqualTo(SampleEvents.ORDER_ID.toString());
	}

	@Test
	void theSchemasRejectWhatTheyMust() {
		JsonNode committed = CommittedSchemas.read("orderflow.payment.declined.v1");
		Schema schema = SCHEMAS.getSchema(committed);
		String valid = WIRE.writeValueAsString(SampleEvents.all()
			.stream()
			.filter(e -> EventFamilies.typeOf(e).equals("orderflow.payment.declined.v1"))
			.findFirst()
			.orElseThrow());

		assertThat(schema.validate(WIRE.readTree(valid.replace("\"reason\"", "\"unknown\"")))).as("missing field")
			.isNotEmpty();
		assertThat(schema.validate(WIRE.readTree(valid.replace(SampleEvents.ORDER_ID.toString(), "not-a-uuid"))))
			.as("bad uuid")
			.isNotEmpty();
		assertThat(schema.validate(WIRE.readTree(valid.replace("2025-03-14T09:26", "14.03.2025 09:26"))))
			.as("bad date-time")
			.isNotEmpty();
		assertThat(schema.validate(WIRE.readTree(valid.replace("{", "{\"addedLater\":1,")))).as("tolerant reader")
			.isEmpty();
	}

}
