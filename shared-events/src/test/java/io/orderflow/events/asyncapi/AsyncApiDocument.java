package io.orderflow.events.asyncapi;

import io.orderflow.events.schema.CommittedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The committed AsyncAPI document ({@code src/main/resources/asyncapi.yaml}, beside the
 * schemas directory), read as a tree, with just enough {@code $ref} resolution for the
 * tests: local references ({@code #/...}) and references to files relative to the
 * document ({@code ./schemas/...}).
 */
final class AsyncApiDocument {

	static final String FILE_NAME = "asyncapi.yaml";

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path file;

	private final JsonNode root;

	private AsyncApiDocument(Path file, JsonNode root) {
		this.file = file;
		this.root = root;
	}

	/** The committed document, found next to the committed schemas. */
	static AsyncApiDocument load() {
		Path file = CommittedSchemas.directory().toAbsolutePath().normalize().getParent().resolve(FILE_NAME);
		return parse(file, read(file));
	}

	static AsyncApiDocument parse(Path file, String yaml) {
		return new AsyncApiDocument(file, YAML.readTree(yaml));
	}

	Path file() {
		return file;
	}

	Path directory() {
		return file.getParent();
	}

	JsonNode root() {
		return root;
	}

	/** Follows {@code $ref} (local only) until the node is not a reference. */
	JsonNode deref(JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; current.isObject() && current.has("$ref"); hops++) {
			if (hops > 20) {
				throw new IllegalStateException("Reference cycle at " + node);
			}
			String ref = current.get("$ref").stringValue();
			if (!ref.startsWith("#/")) {
				throw new IllegalStateException("Not a local reference: " + ref);
			}
			current = pointer(ref);
		}
		return current;
	}

	/**
	 * A copy of a schema with every {@code $ref}, local or to a file, replaced by what it
	 * points at.
	 */
	JsonNode inline(JsonNode schema) {
		return inline(schema, 0);
	}

	/**
	 * The file a relative {@code $ref} points at, resolved against the document's
	 * directory.
	 */
	Path fileOf(String ref) {
		if (ref.startsWith("#") || ref.contains(":")) {
			throw new IllegalArgumentException("Not a relative file reference: " + ref);
		}
		return directory().resolve(ref).normalize();
	}

	/** name -> channel object, in document order. */
	List<Map.Entry<String, JsonNode>> channels() {
		return entries(root.path("channels"));
	}

	List<Map.Entry<String, JsonNode>> operations() {
		return entries(root.path("operations"));
	}

	/**
	 * The messages of a channel (an object) or of an operation (an array), references
	 * resolved.
	 */
	List<JsonNode> messagesOf(JsonNode channelOrOperation) {
		List<JsonNode> messages = new ArrayList<>();
		channelOrOperation.path("messages").values().forEach(message -> messages.add(deref(message)));
		return messages;
	}

	static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
		return new ArrayList<>(object.properties());
	}

	private JsonNode pointer(String ref) {
		JsonNode target = root.at(ref.substring(1));
		if (target.isMissingNode()) {
			throw new IllegalStateException("Dangling reference " + ref + " in " + file);
		}
		return target;
	}

	private JsonNode inline(JsonNode node, int depth) {
		if (depth > 50) {
			throw new IllegalStateException("Schema nested too deep (a reference cycle?)");
		}
		if (node.isObject() && node.has("$ref")) {
			String ref = node.get("$ref").stringValue();
			JsonNode target = ref.startsWith("#/") ? pointer(ref) : JSON.readTree(read(fileOf(ref)));
			return inline(target, depth + 1);
		}
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			node.properties().forEach(e -> copy.set(e.getKey(), inline(e.getValue(), depth + 1)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.values().forEach(item -> copy.add(inline(item, depth + 1)));
			return copy;
		}
		return node;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
