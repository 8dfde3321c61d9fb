package io.orderflow.testsupport.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.PublishedSchemas;
import io.orderflow.messaging.EventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks one consumer fixture against what its producer publishes today, as the
 * consumer's build sees it: the schema published in shared-events' jar, the current
 * record read with the services' own wire mapping ({@link EventJson}), and the
 * CloudEvents headers and key every consumer checks.
 */
final class ProducerContractCheck {

	static final Set<String> FIXTURE_FIELDS = Set.of("headers", "key", "payload");

	/**
	 * The services' wire mapping: required fields strict, {@code @Nullable} ones
	 * optional, unknown ones ignored.
	 */
	private static final EventJson WIRE = new EventJson();

	private static final JsonMapper SCHEMA_READER = JsonMapper.builder().build();

	/**
	 * Draft 2020-12 with {@code format} asserted, as in shared-events'
	 * {@code EventSamplesTest}.
	 */
	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private ProducerContractCheck() {
	}

	/**
	 * What is wrong with the fixture; empty when the producer still publishes what the
	 * consumer expects.
	 */
	static List<String> problems(ContractFixture fixture) {
		List<String> problems = new ArrayList<>();
		if (fixture.producer() == null) {
			problems.add("misplaced: fixtures live in " + ContractFixture.LOCATION + "/<producer>/<wire type>.json");
			return problems;
		}
		JsonNode json;
		try {
			json = fixture.json();
		}
		catch (JacksonException ex) {
			problems.add("not valid JSON: " + ex.getOriginalMessage());
			return problems;
		}
		if (!json.isObject()) {
			problems.add("not a JSON object with " + FIXTURE_FIELDS);
			return problems;
		}
		Set<String> unknown = new TreeSet<>(json.propertyNames());
		unknown.removeAll(FIXTURE_FIELDS);
		if (!unknown.isEmpty()) {
			problems.add("unknown field(s) " + unknown + ": a fixture holds only " + FIXTURE_FIELDS);
		}
		JsonNode headers = json.get("headers");
		JsonNode payload = json.get("payload");
		JsonNode key = json.get("key");
		if (headers == null || !headers.isObject()) {
			problems.add("no \"headers\" object (the CloudEvents ce_* headers the consumer reads)");
		}
		if (payload == null || !payload.isObject()) {
			problems.add("no \"payload\" object (the event's JSON)");
		}
		if (key == null || !key.isString()) {
			problems.add("no \"key\" string (the Kafka record key: the order id)");
		}
		if (!problems.isEmpty()) {
			return problems;
		}

		String type = fixture.wireType();
		String typeHeader = text(headers, "ce_type");
		if (!type.equals(typeHeader)) {
			problems.add("header ce_type is '" + typeHeader + "' but the file name says " + type);
		}
		EventCatalog<?> catalog = PublishedEvents.catalogByType().get(type);
		if (catalog == null) {
			problems.add("no event catalog registers " + type + " any more (registered: "
					+ PublishedEvents.catalogByType().keySet() + ")");
			return problems;
		}
		String producer = PublishedEvents.producerOf(catalog);
		if (!producer.equals(fixture.producer())) {
			problems.add(type + " is published by " + producer + " (source " + catalog.source() + "), not by "
					+ fixture.producer() + ": move the fixture to contracts/" + producer);
		}
		requireEqualIfPresent(problems, headers, "ce_source", catalog.source());
		requireEqualIfPresent(problems, headers, "ce_specversion", "1.0");

		Optional<JsonNode> schema = publishedSchema(type);
		if (schema.isEmpty()) {
			problems.add("No committed schema " + PublishedSchemas.resourceOf(type) + " in shared-events for " + type
					+ ": generate it with " + PublishedSchemas.REGENERATE_COMMAND);
		}
		else {
			List<Error> errors = SCHEMAS.getSchema(schema.get()).validate(payload);
			errors.forEach(error -> problems
				.add("payload is not valid against the committed schema of " + type + ": " + error));
		}

		Class<?> eventClass = catalog.classOf(type).orElseThrow();
		IntegrationEvent event = null;
		try {
			event = (IntegrationEvent) WIRE.read(ContractFixture.FILES.writeValueAsBytes(payload), eventClass);
		}
		catch (JacksonException ex) {
			problems.add("payload no longer deserialises into " + eventClass.getName()
					+ " with the services' strict wire mapping: " + ex.getOriginalMessage());
		}
		String eventId = event != null ? event.eventId().toString() : text(payload, "eventId");
		// the aggregate id's field is named after the aggregate, as in the log lines:
		// orderId for orderflow's order
		String aggregateField = catalog.aggregate() + "Id";
		String aggregateId = event != null ? event.aggregateId().toString() : text(payload, aggregateField);
		requireEqual(problems, "header ce_id", text(headers, "ce_id"), "payload eventId", eventId);
		requireEqual(problems, "header ce_subject", text(headers, "ce_subject"), "payload " + aggregateField,
				aggregateId);
		requireEqual(problems, "key", key.stringValue(), "payload " + aggregateField, aggregateId);
		return problems;
	}

	private static Optional<JsonNode> publishedSchema(String type) {
		Optional<URL> published = PublishedSchemas.find(type);
		if (published.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = published.get().openStream()) {
			return Optional.of(SCHEMA_READER.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void requireEqualIfPresent(List<String> problems, JsonNode headers, String header, String expected) {
		String actual = text(headers, header);
		if (actual != null && !actual.equals(expected)) {
			problems.add("header " + header + " is '" + actual + "', the producer sends '" + expected + "'");
		}
	}

	private static void requireEqual(List<String> problems, String what, @Nullable String actual, String expectedWhat,
			@Nullable String expected) {
		if (actual == null || !Objects.equals(actual, expected)) {
			problems.add(what + " '" + actual + "' does not match the " + expectedWhat + " '" + expected
					+ "' (consumers refuse such a record)");
		}
	}

	private static @Nullable String text(JsonNode object, String field) {
		JsonNode value = object.get(field);
		return value != null && value.isString() ? value.stringValue() : null;
	}

}
