package io.orderflow.events.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaKeyword;
import com.github.victools.jsonschema.generator.SchemaVersion;
import io.orderflow.events.EventCatalog;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (draft 2020-12) of one event record, as its JSON is written
 * on the wire.
 *
 * <p>
 * Only record components become properties (no methods, no static fields). Every
 * component is required unless it is annotated with JSpecify {@code @Nullable}; a
 * {@code @Nullable} component is optional and may be {@code null}. Objects allow
 * additional properties: consumers are tolerant readers. The wire mapping of the scalar
 * types is listed in {@link #scalarSchema(Class)}; any other JDK type fails the
 * generation, so a new kind of value gets a deliberate wire format instead of whatever
 * the generator guesses.
 *
 * <p>
 * The output is canonical (keys sorted, {@code required} sorted, two-space indent,
 * {@code \n} line ends) so the committed files diff cleanly.
 */
public final class EventSchemaGenerator {

	static final String ID_PREFIX = "urn:orderflow:schema:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ObjectWriter PRETTY = JSON.writer()
		.with(new DefaultPrettyPrinter(
				Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
			.withObjectIndenter(new DefaultIndenter("  ", "\n"))
			.withArrayIndenter(new DefaultIndenter("  ", "\n")));

	private final SchemaGenerator generator;

	public EventSchemaGenerator() {
		// Every option is listed: anything not named here (methods, getters, static
		// fields, ...) is off.
		OptionPreset options = new OptionPreset(Option.SCHEMA_VERSION_INDICATOR,
				Option.NONPUBLIC_NONSTATIC_FIELDS_WITH_GETTERS, Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS,
				Option.FLATTENED_ENUMS, Option.INLINE_ALL_SCHEMAS);
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, options);
		config.forTypesInGeneral().withCustomDefinitionProvider(EventSchemaGenerator::customDefinition);
		config.forFields()
			.withIgnoreCheck(field -> !field.getDeclaringType().getErasedType().isRecord())
			.withRequiredCheck(field -> !isNullable(field))
			.withNullableCheck(EventSchemaGenerator::isNullable);
		this.generator = new SchemaGenerator(config.build());
	}

	/**
	 * The schema of a registered event, described with its catalog's topic and source.
	 */
	public ObjectNode generate(EventCatalog<?> catalog, String type) {
		Class<?> eventClass = catalog.classOf(type)
			.orElseThrow(() -> new IllegalArgumentException("Not in " + catalog.topic() + ": " + type));
		String description = "CloudEvents type " + type + " from source " + catalog.source()
				+ ", published on Kafka topic " + catalog.topic()
				+ ". Generated from the shared-events records: do not edit by hand.";
		return generate(type, eventClass, description);
	}

	public ObjectNode generate(String type, Class<?> recordClass, @Nullable String description) {
		if (!recordClass.isRecord()) {
			throw new IllegalArgumentException(recordClass + " is not a record: events are records");
		}
		com.fasterxml.jackson.databind.node.ObjectNode generated = generator.generateSchema(recordClass);
		ObjectNode schema = (ObjectNode) JSON.readTree(generated.toString());
		schema.put("$id", ID_PREFIX + type);
		schema.put("title", type);
		if (description != null) {
			schema.put("description", description);
		}
		return (ObjectNode) canonical(schema);
	}

	/** Pretty, sorted, {@code \n}-terminated text: what is committed. */
	public static String render(JsonNode schema) {
		return PRETTY.writeValueAsString(canonical(schema)) + "\n";
	}

	public static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	/**
	 * Wire mapping of scalar values, matching what Jackson writes for them: {@code null}
	 * for types the generator handles structurally (records, enums, collections).
	 */
	static @Nullable ObjectNode scalarSchema(Class<?> type) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (type == String.class) {
			return nodes.objectNode().put("type", "string");
		}
		if (type == UUID.class) {
			return nodes.objectNode().put("type", "string").put("format", "uuid");
		}
		if (type == Instant.class) {
			return nodes.objectNode().put("type", "string").put("format", "date-time");
		}
		if (type == BigDecimal.class) {
			// written plain (WRITE_BIGDECIMAL_AS_PLAIN), never as a string
			return nodes.objectNode().put("type", "number");
		}
		if (type == boolean.class || type == Boolean.class) {
			return nodes.objectNode().put("type", "boolean");
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return nodes.objectNode().put("type", "integer");
		}
		return null;
	}

	private static @Nullable CustomDefinition customDefinition(ResolvedType javaType, SchemaGenerationContext context) {
		Class<?> type = javaType.getErasedType();
		ObjectNode scalar = scalarSchema(type);
		if (scalar != null) {
			com.fasterxml.jackson.databind.node.ObjectNode node = context.getGeneratorConfig().createObjectNode();
			node.put(context.getKeyword(SchemaKeyword.TAG_TYPE), scalar.get("type").stringValue());
			if (scalar.has("format")) {
				node.put(context.getKeyword(SchemaKeyword.TAG_FORMAT), scalar.get("format").stringValue());
			}
			return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
					CustomDefinition.AttributeInclusion.YES);
		}
		if (type.isRecord() || type.isEnum() || List.class.isAssignableFrom(type)
				|| java.util.Set.class.isAssignableFrom(type)) {
			return null;
		}
		throw new IllegalStateException("No wire mapping for " + type.getName()
				+ " in an event: use a record, an enum, a List/Set, or add a mapping to EventSchemaGenerator");
	}

	/**
	 * JSpecify {@code @Nullable} is a type-use annotation: it sits on the component's (or
	 * element's) type.
	 */
	private static boolean isNullable(FieldScope field) {
		AnnotatedType type = field.getRawMember().getAnnotatedType();
		if (field.isFakeContainerItemScope()) {
			if (type instanceof AnnotatedParameterizedType parameterized
					&& parameterized.getAnnotatedActualTypeArguments().length == 1) {
				type = parameterized.getAnnotatedActualTypeArguments()[0];
			}
			else if (type instanceof AnnotatedArrayType array) {
				type = array.getAnnotatedGenericComponentType();
			}
			else {
				return false;
			}
		}
		return type.isAnnotationPresent(Nullable.class);
	}

	/**
	 * Sorted keys, sorted {@code required}, and an explicit
	 * {@code "additionalProperties": true} on every object that does not say otherwise.
	 */
	static JsonNode canonical(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			object.properties().forEach(entry -> sorted.put(entry.getKey(), canonical(entry.getValue())));
			if (declaresObjectType(object) && !sorted.containsKey("additionalProperties")) {
				sorted.put("additionalProperties", JsonNodeFactory.instance.booleanNode(true));
			}
			JsonNode required = sorted.get("required");
			if (required instanceof ArrayNode names) {
				List<String> list = new ArrayList<>();
				names.values().forEach(name -> list.add(name.stringValue()));
				ArrayNode sortedNames = JsonNodeFactory.instance.arrayNode();
				list.stream().sorted().forEach(sortedNames::add);
				sorted.put("required", sortedNames);
			}
			ObjectNode result = JsonNodeFactory.instance.objectNode();
			sorted.forEach(result::set);
			return result;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode result = JsonNodeFactory.instance.arrayNode();
			array.values().forEach(element -> result.add(canonical(element)));
			return result;
		}
		return node;
	}

	private static boolean declaresObjectType(ObjectNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			return false;
		}
		Collection<JsonNode> types = type.isArray() ? type.values() : List.of(type);
		return types.stream().anyMatch(t -> t.isString() && "object".equals(t.stringValue()));
	}

}
