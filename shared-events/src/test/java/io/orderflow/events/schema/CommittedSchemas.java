package io.orderflow.events.schema;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.EventFamilies;
import io.orderflow.events.PublishedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas committed under {@code src/main/resources/schemas}, one
 * {@code <wire type>.schema.json} per event, compared with what the records generate
 * today.
 *
 * <p>
 * With {@code -Dorderflow.schemas.write=true} the first test that asks rewrites the
 * missing and stale files, once per test run, and refuses (failing every schema test,
 * writing nothing) if any change is breaking.
 */
public final class CommittedSchemas {

	public static final String WRITE_PROPERTY = PublishedSchemas.WRITE_PROPERTY;

	public static final String REGENERATE_COMMAND = PublishedSchemas.REGENERATE_COMMAND;

	/** What to do instead of a breaking change. */
	public static final String NEW_VERSION_ADVICE = PublishedSchemas.NEW_VERSION_ADVICE;

	static final String SUFFIX = PublishedSchemas.SUFFIX;

	private static final EventSchemaGenerator GENERATOR = new EventSchemaGenerator();

	private static @Nullable List<String> written;

	private static @Nullable AssertionError refusal;

	private CommittedSchemas() {
	}

	/** One catalog type against its committed file. */
	public record Comparison(String type, ObjectNode generated, @Nullable JsonNode committed,
			List<String> breakingChanges) {

		public boolean missing() {
			return committed == null;
		}

		public boolean upToDate() {
			return generated.equals(committed);
		}

	}

	/**
	 * Source directory of the committed schemas (set by the pom; the module directory is
	 * the fallback base).
	 */
	public static Path directory() {
		String configured = System.getProperty("orderflow.schemas.dir");
		return configured != null && !configured.isBlank() ? Path.of(configured)
				: Path.of("src", "main", "resources", "schemas");
	}

	public static Path fileOf(String type) {
		return directory().resolve(type + SUFFIX);
	}

	public static boolean writeRequested() {
		return Boolean.getBoolean(WRITE_PROPERTY);
	}

	/**
	 * Every catalog type, sorted, compared with its committed schema (after writing, in
	 * write mode).
	 */
	public static List<Comparison> compareAll() {
		writeIfRequested();
		return compareWithFiles();
	}

	/**
	 * The committed schema of a type; fails naming the regenerate command when there is
	 * none.
	 */
	public static JsonNode read(String type) {
		writeIfRequested();
		JsonNode committed = readIfPresent(type);
		if (committed == null) {
			throw new AssertionError("No committed schema " + fileOf(type) + " for " + type + ": generate it with "
					+ REGENERATE_COMMAND);
		}
		return committed;
	}

	/** Wire types that have a committed schema file. */
	public static Set<String> committedTypes() {
		Set<String> types = new TreeSet<>();
		if (!Files.isDirectory(directory())) {
			return types;
		}
		try (Stream<Path> files = Files.list(directory())) {
			files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(SUFFIX))
				.forEach(name -> types.add(name.substring(0, name.length() - SUFFIX.length())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return types;
	}

	/** Files written by this run in write mode (empty otherwise). */
	public static synchronized List<String> written() {
		writeIfRequested();
		return written == null ? List.of() : written;
	}

	private static synchronized void writeIfRequested() {
		if (!writeRequested()) {
			return;
		}
		if (refusal != null) {
			throw refusal;
		}
		if (written != null) {
			return;
		}
		List<Comparison> comparisons = compareWithFiles();
		List<String> breaking = comparisons.stream().flatMap(c -> c.breakingChanges().stream()).toList();
		if (!breaking.isEmpty()) {
			refusal = new AssertionError("Refusing to write the schemas: " + breaking.size()
					+ " breaking change(s) to published events; nothing was written.\n - "
					+ String.join("\n - ", breaking) + "\n" + NEW_VERSION_ADVICE);
			throw refusal;
		}
		List<String> files = new ArrayList<>();
		try {
			Files.createDirectories(directory());
			for (Comparison comparison : comparisons) {
				if (!comparison.upToDate()) {
					Path file = fileOf(comparison.type());
					Files.writeString(file, EventSchemaGenerator.render(comparison.generated()),
							StandardCharsets.UTF_8);
					files.add(file.toString());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		written = List.copyOf(files);
	}

	private static List<Comparison> compareWithFiles() {
		List<Comparison> comparisons = new ArrayList<>();
		for (Map.Entry<String, EventCatalog<?>> entry : EventFamilies.catalogByType().entrySet()) {
			String type = entry.getKey();
			ObjectNode generated = GENERATOR.generate(entry.getValue(), type);
			JsonNode committed = readIfPresent(type);
			List<String> breaking = committed == null ? List.of()
					: SchemaCompatibility.breakingChanges(type, committed, generated);
			comparisons.add(new Comparison(type, generated, committed, breaking));
		}
		return comparisons;
	}

	private static @Nullable JsonNode readIfPresent(String type) {
		Path file = fileOf(type);
		if (!Files.exists(file)) {
			return null;
		}
		try {
			return EventSchemaGenerator.parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
