package io.orderflow.events.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaCompatibilityTest {

	private static final String TYPE = "orderflow.test.thing-happened.v1";

	private static final String PUBLISHED = """
			{
			  "type": "object",
			  "additionalProperties": true,
			  "properties": {
			    "orderId": { "type": "string", "format": "uuid" },
			    "total": { "type": "number" },
			    "note": { "type": ["string", "null"] },
			    "lines": {
			      "type": "array",
			      "items": {
			        "type": "object",
			        "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer" } },
			        "required": ["sku", "quantity"]
			      }
			    }
			  },
			  "required": ["orderId", "total", "lines"]
			}
			""";

	@Test
	void identicalSchemasAreCompatible() {
		assertThat(SchemaCompatibility.breakingChanges(TYPE, json(PUBLISHED), json(PUBLISHED))).isEmpty();
	}

	@Test
	void aNewOptionalFieldIsCompatible() {
		String candidate = PUBLISHED.replace("\"note\":",
				"\"coupon\": { \"type\": [\"string\", \"null\"] },\n\"note\":");

		assertThat(changes(candidate)).isEmpty();
	}

	@Test
	void documentationIsNotContract() {
		String candidate = PUBLISHED
			.replace("\"type\": \"number\" }", "\"type\": \"number\", \"description\": \"gross, in currency\" }")
			.replace("\"type\": \"object\",\n  \"additionalProperties\"",
					"\"type\": \"object\", \"title\": \"t\",\n  \"additionalProperties\"");

		assertThat(changes(candidate)).isEmpty();
	}

	@Test
	void aRemovedFieldBreaks() {
		String candidate = PUBLISHED.replace("\"total\": { \"type\": \"number\" },", "")
			.replace("\"orderId\", \"total\", \"lines\"", "\"orderId\", \"lines\"");

		assertThat(changes(candidate)).containsExactly(TYPE + ": field 'total' was removed");
	}

	@Test
	void aRetypedFieldBreaks() {
		String candidate = PUBLISHED.replace("\"total\": { \"type\": \"number\" }",
				"\"total\": { \"type\": \"string\" }");

		assertThat(changes(candidate)).containsExactly(TYPE + ": field 'total' changed type from number to string");
	}

	@Test
	void aChangedFormatBreaks() {
		String candidate = PUBLISHED.replace("\"format\": \"uuid\"", "\"format\": \"date-time\"");

		assertThat(changes(candidate))
			.containsExactly(TYPE + ": field 'orderId' changed format from uuid to date-time");
	}

	@Test
	void anOptionalFieldMadeRequiredBreaks() {
		String candidate = PUBLISHED.replace("\"orderId\", \"total\", \"lines\"",
				"\"orderId\", \"total\", \"lines\", \"note\"");

		assertThat(changes(candidate))
			.containsExactly(TYPE + ": field 'note' was optional and is now required (published events may lack it)");
	}

	@Test
	void aNewRequiredFieldBreaks() {
		String candidate = PUBLISHED.replace("\"note\":", "\"coupon\": { \"type\": \"string\" },\n\"note\":")
			.replace("\"orderId\", \"total\", \"lines\"", "\"orderId\", \"total\", \"lines\", \"coupon\"");

		assertThat(changes(candidate)).singleElement(STRING).startsWith(TYPE + ": field 'coupon' is new and required");
	}

	@Test
	void aRequiredFieldMadeOptionalBreaks() {
		String candidate = PUBLISHED.replace("\"orderId\", \"total\", \"lines\"", "\"orderId\", \"lines\"");

		assertThat(changes(candidate))
			.containsExactly(TYPE + ": field 'total' was required and is now optional (consumers rely on it)");
	}

	@Test
	void becomingNullableBreaks() {
		String candidate = PUBLISHED.replace("\"total\": { \"type\": \"number\" }",
				"\"total\": { \"type\": [\"number\", \"null\"] }");

		assertThat(changes(candidate))
			.containsExactly(TYPE + ": field 'total' became nullable (consumers rely on a value)");
	}

	@Test
	void changesInsideArrayItemsAreFoundAndNamed() {
		String candidate = PUBLISHED
			.replace("\"quantity\": { \"type\": \"integer\" }", "\"quantity\": { \"type\": \"number\" }")
			.replace("\"sku\": { \"type\": \"string\" }, ", "")
			.replace("\"required\": [\"sku\", \"quantity\"]", "\"required\": [\"quantity\"]");

		assertThat(changes(candidate)).containsExactlyInAnyOrder(TYPE + ": field 'lines[].sku' was removed",
				TYPE + ": field 'lines[].quantity' changed type from integer to number");
	}

	@Test
	void closingTheObjectBreaks() {
		String candidate = PUBLISHED.replace("\"additionalProperties\": true", "\"additionalProperties\": false");

		assertThat(changes(candidate)).singleElement(STRING)
			.contains("the event no longer allows additional properties");
	}

	@Test
	void anUnknownConstraintThatChangesIsTreatedAsBreaking() {
		String candidate = PUBLISHED.replace("\"sku\": { \"type\": \"string\" }",
				"\"sku\": { \"type\": \"string\", \"maxLength\": 8 }");

		assertThat(changes(candidate)).singleElement(STRING)
			.contains("field 'lines[].sku' changed constraint 'maxLength'");
	}

	@Test
	void referencedDefinitionsAreCompared() {
		String published = """
				{ "type": "object", "$defs": { "Money": { "type": "object",
				    "properties": { "amount": { "type": "number" } }, "required": ["amount"] } },
				  "properties": { "total": { "$ref": "#/$defs/Money" } }, "required": ["total"] }
				""";
		String candidate = published.replace("\"amount\": { \"type\": \"number\" }",
				"\"amount\": { \"type\": \"string\" }");

		assertThat(SchemaCompatibility.breakingChanges(TYPE, json(published), json(candidate)))
			.containsExactly(TYPE + ": field 'total.amount' changed type from number to string");
	}

	private static List<String> changes(String candidate) {
		assertThat(candidate).as("the test's edit applied").isNotEqualTo(PUBLISHED);
		return SchemaCompatibility.breakingChanges(TYPE, json(PUBLISHED), json(candidate));
	}

	private static JsonNode json(String text) {
		return EventSchemaGenerator.parse(text);
	}

}
