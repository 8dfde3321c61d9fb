package io.orderflow.systemtest.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository these static checks read: found upwards from the working directory, as
 * the local stack does.
 */
public final class RepositoryFiles {

	private RepositoryFiles() {
	}

	public static Path root() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("order-service"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Run from inside the orderflow repository");
	}

	public static Path path(String relative) {
		return root().resolve(relative);
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A YAML document as maps, lists and scalars; merge keys ({@code <<: *anchor})
	 * resolved as compose does.
	 */
	public static Map<String, Object> yaml(Path file) {
		Object document = yamlDocument(file);
		if (document == null) {
			return new LinkedHashMap<>();
		}
		return map(document, file.toString());
	}

	public static Object yamlDocument(Path file) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object value, String what) {
		if (value == null) {
			return new LinkedHashMap<>();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new AssertionError(what + " is not a mapping: " + value);
		}
		return (Map<String, Object>) map;
	}

}
