package io.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.events.EventFamilies;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaGeneratorTest {

	private final EventSchemaGenerator generator = new EventSchemaGenerator();

	record Line(String sku, @Nullable BigDecimal price) {
	}

	enum Channel {

		WEB, SHOP

	}

	record Probe(UUID id, Instant at, BigDecimal amount, boolean flag, int count, String name, @Nullable String note,
			List<Line> lines, Channel channel) {

		static final String IGNORED_CONSTANT = "x";

		BigDecimal doubled() {
			return amount.add(amount);
		}

		public String getDisplayName() {
			return name;
		}

	}

	record WithLocalDate(LocalDate day) {
	}

	@Test
	void mapsEveryScalarAsJacksonWritesIt() {
		ObjectNode schema = generator.generate("orderflow.test.probe.v1", Probe.class, null);

		assertThat(schema.at("/properties/id")).isEqualTo(json("{\"type\":\"string\",\"format\":\"uuid\"}"));
		assertThat(schema.at("/properties/at")).isEqualTo(json("{\"type\":\"string\",\"format\":\"date-time\"}"));
		assertThat(schema.at("/properties/amount")).isEqualTo(json("{\"type\":\"number\"}"));
		assertThat(schema.at("/properties/flag")).isEqualTo(json("{\"type\":\"boolean\"}"));
		assertThat(schema.at("/properties/count")).isEqualTo(json("{\"type\":\"integer\"}"));
		assertThat(schema.at("/properties/name")).isEqualTo(json("{\"type\":\"string\"}"));
		assertThat(schema.at("/properties/channel/enum")).isEqualTo(json("[\"WEB\",\"SHOP\"]"));
		assertThat(schema.at("/properties/lines/type").stringValue()).isEqualTo("array");
		assertThat(schema.at("/properties/lines/items/properties/sku/type").stringValue()).isEqualTo("string");
		assertThat(schema.at("/properties/lines/items/additionalProperties").booleanValue()).isTrue();
	}

	@Test
	void onlyRecordComponentsBecomeProperties() {
		ObjectNode schema = generator.generate("orderflow.test.probe.v1", Probe.class, null);

		assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrder("id", "at", "amount", "flag",
				"count", "name", "note", "lines", "channel");
		for (var entry : EventFamilies.catalogByType().entrySet()) {
			Class<?> eventClass = EventFamilies.classOf(entry.getKey());
			ObjectNode eventSchema = generator.generate(entry.getValue(), entry.getKey());
			assertThat(eventSchema.get("properties").propertyNames()).as(entry.getKey())
				.containsExactlyInAnyOrderElementsOf(
						Arrays.stream(eventClass.getRecordComponents()).map(c -> c.getName()).toList());
		}
	}

	@Test
	void everyComponentIsRequiredUnlessNullable() {
		ObjectNode schema = generator.generate("orderflow.test.probe.v1", Probe.class, null);

		assertThat(schema.get("required").values()).extracting(JsonNode::stringValue)
			.containsExactly("amount", "at", "channel", "count", "flag", "id", "lines", "name");
		assertThat(schema.at("/properties/note/type")).isEqualTo(json("[\"string\",\"null\"]"));
		assertThat(schema.at("/properties/lines/items/required").values()).extracting(JsonNode::stringValue)
			.containsExactly("sku");
		assertThat(schema.at("/properties/lines/items/properties/price/type")).isEqualTo(json("[\"number\",\"null\"]"));
	}

	@Test
	void refusesATypeWithoutADeliberateWireMapping() {
		assertThatThrownBy(() -> generator.generate("orderflow.test.dated.v1", WithLocalDate.class, null))
			.hasStackTraceContaining("No wire mapping for java.time.LocalDate");
	}

	@Test
	void rendersDeterministically() {
		ObjectNode schema = generator.generate("orderflow.test.probe.v1", Probe.class, "d");
		String text = EventSchemaGenerator.render(schema);

		assertThat(EventSchemaGenerator.render(EventSchemaGenerator.parse(text))).isEqualTo(text);
		assertThat(text).startsWith("{\n  \"$id\": \"urn:orderflow:schema:orderflow.test.probe.v1\",\n")
			.endsWith("}\n")
			.doesNotContain("\r");
		assertThat(text.indexOf("\"properties\"")).isLessThan(text.indexOf("\"required\""));
	}

	private static JsonNode json(String text) {
		return EventSchemaGenerator.parse(text);
	}

}
