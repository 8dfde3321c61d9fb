package io.orderflow.systemtest.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.orderflow.systemtest.compose.RepositoryFiles;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.fail;

/**
 * An overlay of {@code deploy/k8s} as {@code kubectl kustomize} renders it, offline: the
 * objects a {@code kubectl apply -k} would send. Where kubectl is missing (a developer's
 * machine) the calling test is skipped, saying so;
 * {@code -Dorderflow.kubectl.required=true} (as {@code .ci/run} sets) makes that a
 * failure.
 */
record RenderedOverlay(String name, List<Map<String, Object>> objects) {

	static final String OVERLAYS = "deploy/k8s/overlays";

	private static final long RENDER_TIMEOUT_SECONDS = 60;

	/** Every overlay of {@code deploy/k8s/overlays}, rendered. */
	static Stream<RenderedOverlay> all() {
		return overlayNames().stream().map(RenderedOverlay::render);
	}

	static List<String> overlayNames() {
		try (Stream<Path> overlays = Files.list(RepositoryFiles.path(OVERLAYS))) {
			return overlays.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static RenderedOverlay render(String overlay) {
		String kubectl = kubectl();
		Path directory = RepositoryFiles.path(OVERLAYS).resolve(overlay);
		Path output;
		try {
			output = Files.createTempFile("kustomize-" + overlay, ".yaml");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Process process = null;
		try {
			process = new ProcessBuilder(kubectl, "kustomize", directory.toString()).redirectErrorStream(false)
				.redirectOutput(output.toFile())
				.redirectError(
						ProcessBuilder.Redirect.appendTo(output.resolveSibling(output.getFileName() + ".err").toFile()))
				.start();
			if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				fail("kubectl kustomize " + directory + " did not finish within " + RENDER_TIMEOUT_SECONDS + " s");
			}
			String errors = Files.readString(output.resolveSibling(output.getFileName() + ".err"));
			if (process.exitValue() != 0) {
				fail("kubectl kustomize " + directory + " failed (" + process.exitValue() + "): " + errors);
			}
			return new RenderedOverlay(overlay, parse(Files.readString(output, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (process != null) {
				process.destroyForcibly();
			}
			try {
				Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".err"));
				Files.deleteIfExists(output);
			}
			catch (IOException ex) {
				// a temporary file left behind
			}
		}
	}

	/** The documents of a multi-document YAML stream, empty ones left out. */
	static List<Map<String, Object>> parse(String yaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document != null) {
				objects.add(RepositoryFiles.map(document, "a rendered object"));
			}
		}
		return objects;
	}

	/** kubectl on the PATH; skips the test, or fails it where kubectl is required. */
	private static String kubectl() {
		Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.filter(dir -> !dir.isEmpty())
			.map(dir -> Path.of(dir, "kubectl"))
			.filter(Files::isExecutable)
			.findFirst();
		if (found.isEmpty()) {
			String why = "kubectl is not on the PATH: the Kubernetes manifests cannot be rendered";
			if (Boolean.getBoolean("orderflow.kubectl.required")) {
				fail(why);
			}
			System.err.println("Kubernetes manifest checks SKIPPED: " + why);
			Assumptions.abort(why);
		}
		return found.get().toString();
	}

	List<Map<String, Object>> ofKind(String kind) {
		return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream().filter(object -> name.equals(nameOf(object))).findFirst();
	}

	Map<String, Object> get(String kind, String name) {
		return find(kind, name).orElseThrow(() -> new AssertionError(this.name + " has no " + kind + " " + name));
	}

	static String nameOf(Map<String, Object> object) {
		return String.valueOf(RepositoryFiles.map(object.get("metadata"), "metadata").get("name"));
	}

	/**
	 * The value at a path of keys (and list indexes) below an object, if there is one.
	 */
	static Optional<Object> at(Object node, Object... path) {
		Object current = node;
		for (Object key : path) {
			if (key instanceof Integer index && current instanceof List<?> list && index < list.size()) {
				current = list.get(index);
			}
			else if (current instanceof Map<?, ?> map && map.containsKey(key)) {
				current = map.get(key);
			}
			else {
				return Optional.empty();
			}
		}
		return Optional.ofNullable(current);
	}

	static Map<String, Object> mapAt(Object node, Object... path) {
		return RepositoryFiles.map(at(node, path).orElse(null), String.valueOf(List.of(path)));
	}

	@SuppressWarnings("unchecked")
	static List<Object> listAt(Object node, Object... path) {
		return (List<Object>) at(node, path).orElse(List.of());
	}

	@Override
	public String toString() {
		return name;
	}

}
