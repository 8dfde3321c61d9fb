package io.orderflow.systemtest.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.orderflow.systemtest.compose.RepositoryFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The custom resources deploy/k8s uses, each validated against the
 * {@code openAPIV3Schema} of its CRD for its API version, as the operators' releases
 * define them (copied into {@code src/test/resources/k8s-schemas}, with their licence
 * note). As strict as the API server with {@code kubectl apply}'s strict field
 * validation: a field a schema does not name is an error, unless the schema keeps unknown
 * fields ({@code x-kubernetes-preserve-unknown-fields}, e.g. Kafka's {@code config}). CEL
 * rules ({@code x-kubernetes-validations}) are not evaluated.
 */
final class CustomResourceDefinitions {

	static final List<String> FILES = List.of("strimzi-1.2.0/040-Crd-kafka.yaml",
			"strimzi-1.2.0/043-Crd-kafkatopic.yaml", "strimzi-1.2.0/044-Crd-kafkauser.yaml",
			"strimzi-1.2.0/045-Crd-kafkanodepool.yaml", "cloudnative-pg-1.30.0/postgresql.cnpg.io_clusters.yaml",
			"cloudnative-pg-1.30.0/postgresql.cnpg.io_databases.yaml");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * OpenAPI 3.0's schema objects are, for what CRDs use of them, JSON Schema draft 4.
	 */
	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

	/** apiVersion + "/" + kind → schema. */
	private final Map<String, Schema> schemas = new LinkedHashMap<>();

	private CustomResourceDefinitions() {
	}

	static CustomResourceDefinitions load() {
		CustomResourceDefinitions definitions = new CustomResourceDefinitions();
		for (String file : FILES) {
			Map<String, Object> crd = read("k8s-schemas/" + file);
			String group = String.valueOf(RenderedOverlay.at(crd, "spec", "group").orElseThrow());
			String kind = String.valueOf(RenderedOverlay.at(crd, "spec", "names", "kind").orElseThrow());
			for (Object version : RenderedOverlay.listAt(crd, "spec", "versions")) {
				if (!Boolean.TRUE.equals(RenderedOverlay.at(version, "served").orElse(false))) {
					continue;
				}
				JsonNode schema = JSON
					.valueToTree(RenderedOverlay.at(version, "schema", "openAPIV3Schema").orElseThrow());
				strict(schema);
				definitions.schemas.put(group + "/" + RenderedOverlay.at(version, "name").orElseThrow() + "/" + kind,
						SCHEMAS.getSchema(schema));
			}
		}
		return definitions;
	}

	/** Whether a CRD of these files serves the object's apiVersion and kind. */
	boolean defines(Map<String, Object> object) {
		return schemas.containsKey(object.get("apiVersion") + "/" + object.get("kind"));
	}

	/** Whether any CRD of these files has the object's API group (at any version). */
	boolean hasGroupOf(Map<String, Object> object) {
		String group = String.valueOf(object.get("apiVersion")).replaceFirst("/[^/]*$", "");
		return schemas.keySet().stream().anyMatch(key -> key.startsWith(group + "/"));
	}

	/** What is wrong with the object by its CRD's schema; empty when it is valid. */
	List<String> problems(Map<String, Object> object) {
		Schema schema = Optional.ofNullable(schemas.get(object.get("apiVersion") + "/" + object.get("kind")))
			.orElseThrow(() -> new AssertionError(
					"No CRD serves " + object.get("apiVersion") + " " + object.get("kind") + ": " + schemas.keySet()));
		List<String> problems = new ArrayList<>();
		for (Error error : schema.validate(JSON.valueToTree(object))) {
			problems.add(error.toString());
		}
		return problems;
	}

	/**
	 * Structural schemas: an object with properties takes no others, unless it says it
	 * keeps unknown fields or names a schema for additional ones.
	 */
	private static void strict(JsonNode schema) {
		if (!(schema instanceof ObjectNode object)) {
			return;
		}
		if (object.has("properties") && !object.has("additionalProperties")
				&& !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
			object.put("additionalProperties", false);
		}
		object.path("properties").forEach(CustomResourceDefinitions::strict);
		strict(object.path("items"));
		strict(object.path("additionalProperties"));
		for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
			object.path(combinator).forEach(CustomResourceDefinitions::strict);
		}
	}

	private static Map<String, Object> read(String resource) {
		try (InputStream in = CustomResourceDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test class path");
			}
			return RepositoryFiles.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
