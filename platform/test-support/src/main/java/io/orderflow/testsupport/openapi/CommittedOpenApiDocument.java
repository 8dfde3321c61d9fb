package io.orderflow.testsupport.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document a service publishes must be the one committed as
 * {@code <service>/openapi.json}, so every change of an HTTP API is a deliberate,
 * reviewed change of that file. With {@code -Dorderflow.openapi.write=true} the committed
 * copy is rewritten instead of compared.
 */
public final class CommittedOpenApiDocument {

	/**
	 * Sorted keys, two-space indentation, numbers as written: the same document always
	 * prints the same.
	 */
	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private CommittedOpenApiDocument() {
	}

	/**
	 * Compares (or, in write mode, rewrites) the committed document of {@code service}.
	 * @throws AssertionError naming the first differing line and how to update the file
	 */
	public static void assertMatches(String service, String publishedJson) {
		String published = canonical(publishedJson);
		Path committed = location(service);
		String howToUpdate = " If the API change is deliberate, rewrite it with `./mvnw verify -pl " + service
				+ " -am -Dorderflow.openapi.write=true`, review the diff and commit it (see docs/openapi/README.md).";
		try {
			if (Boolean.getBoolean("orderflow.openapi.write")) {
				Files.createDirectories(committed.getParent());
				Files.writeString(committed, published, StandardCharsets.UTF_8);
				System.out.println("Wrote " + committed + ": review and commit it.");
				return;
			}
			if (!Files.exists(committed)) {
				throw new AssertionError(committed + " is missing." + howToUpdate);
			}
			String expected = canonical(Files.readString(committed, StandardCharsets.UTF_8));
			if (!published.equals(expected)) {
				throw new AssertionError("The OpenAPI document " + service + " publishes differs from " + service
						+ "/openapi.json " + firstDifference(expected, published) + "." + howToUpdate);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String canonical(String json) {
		return CANONICAL.writeValueAsString(CANONICAL.readTree(json)).replace("\r\n", "\n") + "\n";
	}

	private static String firstDifference(String committed, String published) {
		String[] was = committed.split("\n", -1);
		String[] now = published.split("\n", -1);
		for (int i = 0; i < Math.max(was.length, now.length); i++) {
			String a = i < was.length ? was[i].strip() : "<end of file>";
			String b = i < now.length ? now[i].strip() : "<end of file>";
			if (!a.equals(b)) {
				return "at line " + (i + 1) + ": committed `" + a + "`, published `" + b + "`";
			}
		}
		return "";
	}

	/**
	 * {@code openapi.json} in the service's own module folder, where tests run: the API
	 * document travels with the service, also into a fork.
	 */
	private static Path location(String service) {
		Path module = Path.of("").toAbsolutePath();
		if (!module.getFileName().toString().equals(service)) {
			throw new IllegalStateException("Run the tests of " + service + " in its module folder, not in " + module);
		}
		return module.resolve("openapi.json");
	}

}
