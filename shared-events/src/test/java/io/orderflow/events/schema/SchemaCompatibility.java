package io.orderflow.events.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a new version of an event schema may replace the published one under
 * the same wire type.
 *
 * <p>
 * Published events live on in topics (consumers replay from offset 0) and consumers are
 * deployed on their own schedule, so a schema change must work in both directions: old
 * consumers read new events and new consumers read old events. Breaking, per field
 * (nested objects and array items included):
 * <ul>
 * <li>a field removed;</li>
 * <li>a field's type or format changed (including becoming nullable or no longer
 * nullable);</li>
 * <li>an optional field made required (old events lack it);</li>
 * <li>a required field made optional (consumers built against the schema rely on
 * it);</li>
 * <li>a new required field (old events lack it);</li>
 * <li>allowed enum values changed, the object closed to additional properties, or any
 * other constraint changed (this class does not reason about them, so it treats a
 * difference as breaking).</li>
 * </ul>
 * A new optional field and documentation-only changes ({@code title},
 * {@code description}) are compatible.
 */
public final class SchemaCompatibility {

	/**
	 * Keywords compared here or carrying no contract; any other keyword must stay
	 * identical.
	 */
	private static final Set<String> UNDERSTOOD = Set.of("type", "format", "properties", "required", "items",
			"additionalProperties", "enum", "$ref", "$defs", "definitions", "$schema", "$id", "title", "description");

	private final JsonNode oldRoot;

	private final JsonNode newRoot;

	private final List<String> breaking = new ArrayList<>();

	private SchemaCompatibility(JsonNode oldRoot, JsonNode newRoot) {
		this.oldRoot = oldRoot;
		this.newRoot = newRoot;
	}

	/**
	 * The breaking changes from {@code published} to {@code candidate}, each a sentence
	 * naming the event type and the field; empty when the candidate may replace the
	 * published schema.
	 */
	public static List<String> breakingChanges(String eventType, JsonNode published, JsonNode candidate) {
		SchemaCompatibility comparison = new SchemaCompatibility(published, candidate);
		comparison.compare("", published, candidate);
		return comparison.breaking.stream().map(change -> eventType + ": " + change).toList();
	}

	private void compare(String path, JsonNode oldSchema, JsonNode newSchema) {
		JsonNode before = resolve(oldSchema, oldRoot);
		JsonNode after = resolve(newSchema, newRoot);
		compareType(path, before, after);
		String oldFormat = text(before.get("format"));
		String newFormat = text(after.get("format"));
		if (!Objects.equals(oldFormat, newFormat)) {
			report(path, "changed format from " + orNone(oldFormat) + " to " + orNone(newFormat));
		}
		if (!Objects.equals(before.get("enum"), after.get("enum"))) {
			report(path, "changed its allowed values from " + before.get("enum") + " to " + after.get("enum"));
		}
		if (allowsAdditional(before) && !allowsAdditional(after)) {
			report(path, "no longer allows additional properties (consumers must be able to add fields)");
		}
		compareProperties(path, before, after);
		if (before.has("items") || after.has("items")) {
			if (before.has("items") && after.has("items")) {
				compare(path + "[]", before.get("items"), after.get("items"));
			}
			else {
				report(path, "changed its array items from " + before.get("items") + " to " + after.get("items"));
			}
		}
		Set<String> others = new TreeSet<>();
		others.addAll(before.propertyNames());
		others.addAll(after.propertyNames());
		others.removeAll(UNDERSTOOD);
		for (String keyword : others) {
			if (!Objects.equals(before.get(keyword), after.get(keyword))) {
				report(path, "changed constraint '" + keyword + "' from " + before.get(keyword) + " to "
						+ after.get(keyword));
			}
		}
	}

	private void compareType(String path, JsonNode before, JsonNode after) {
		Set<String> oldTypes = types(before);
		Set<String> newTypes = types(after);
		if (oldTypes.equals(newTypes)) {
			return;
		}
		Set<String> oldNonNull = withoutNull(oldTypes);
		Set<String> newNonNull = withoutNull(newTypes);
		if (oldNonNull.equals(newNonNull)) {
			report(path, newTypes.contains("null") ? "became nullable (consumers rely on a value)"
					: "is no longer nullable (published events may hold null)");
		}
		else {
			report(path, "changed type from " + describe(oldTypes) + " to " + describe(newTypes));
		}
	}

	private void compareProperties(String path, JsonNode before, JsonNode after) {
		JsonNode oldProperties = before.path("properties");
		JsonNode newProperties = after.path("properties");
		Set<String> oldRequired = names(before.get("required"));
		Set<String> newRequired = names(after.get("required"));
		for (String name : oldProperties.propertyNames()) {
			String field = child(path, name);
			if (!newProperties.has(name)) {
				report(field, "was removed");
				continue;
			}
			boolean wasRequired = oldRequired.contains(name);
			boolean isRequired = newRequired.contains(name);
			if (!wasRequired && isRequired) {
				report(field, "was optional and is now required (published events may lack it)");
			}
			else if (wasRequired && !isRequired) {
				report(field, "was required and is now optional (consumers rely on it)");
			}
			compare(field, oldProperties.get(name), newProperties.get(name));
		}
		for (String name : newProperties.propertyNames()) {
			if (!oldProperties.has(name) && newRequired.contains(name)) {
				report(child(path, name), "is new and required (published events lack it): make it @Nullable");
			}
		}
	}

	private void report(String path, String change) {
		breaking.add((path.isEmpty() ? "the event" : "field '" + path + "'") + " " + change);
	}

	private static JsonNode resolve(JsonNode schema, JsonNode root) {
		JsonNode current = schema;
		for (int depth = 0; current.has("$ref"); depth++) {
			String ref = current.get("$ref").stringValue();
			if (depth > 20 || !ref.startsWith("#/")) {
				throw new IllegalArgumentException("Cannot resolve $ref " + ref + " (only local refs are supported)");
			}
			JsonNode target = root.at(ref.substring(1));
			if (target.isMissingNode()) {
				throw new IllegalArgumentException("Dangling $ref " + ref);
			}
			current = target;
		}
		return current;
	}

	private static Set<String> types(JsonNode schema) {
		JsonNode type = schema.get("type");
		Set<String> types = new TreeSet<>();
		if (type == null) {
			return types;
		}
		if (type.isArray()) {
			type.values().forEach(t -> types.add(t.stringValue()));
		}
		else {
			types.add(type.stringValue());
		}
		// "integer" is a subset of "number": keep them distinct, both directions break a
		// reader
		return types;
	}

	private static Set<String> withoutNull(Set<String> types) {
		Set<String> result = new TreeSet<>(types);
		result.remove("null");
		return result;
	}

	private static String describe(Set<String> types) {
		if (types.isEmpty()) {
			return "(any)";
		}
		return types.size() == 1 ? types.iterator().next() : types.toString();
	}

	private static boolean allowsAdditional(JsonNode schema) {
		JsonNode additional = schema.get("additionalProperties");
		return additional == null || !(additional.isBoolean() && !additional.booleanValue());
	}

	private static Set<String> names(@Nullable JsonNode array) {
		Set<String> names = new LinkedHashSet<>();
		if (array != null && array.isArray()) {
			array.values().forEach(name -> names.add(name.stringValue()));
		}
		return names;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return node == null || node.isNull() ? null : node.asString();
	}

	private static String orNone(@Nullable String value) {
		return value == null ? "(none)" : value;
	}

	private static String child(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

}
