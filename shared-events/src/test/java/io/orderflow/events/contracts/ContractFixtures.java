package io.orderflow.events.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The consumers' contract fixtures, wherever they live in the repository: every module may keep samples of the
 * messages it consumes under {@code <consumer>/src/test/resources/contracts/<producer>/<wire type>.json}, or
 * {@code <wire type>--<variant>.json} when it keeps several samples of one type.
 */
final class ContractFixtures {

	/** Set by the pom to the module's parent directory; the working directory's parent is the fallback. */
	static final String ROOT_PROPERTY = "orderflow.repository.root";

	/** Where, inside a consumer module, its fixtures live. */
	static final String LOCATION = "src/test/resources/contracts";

	static final String VARIANT_SEPARATOR = "--";

	static final String SUFFIX = ".json";

	private ContractFixtures() {
	}

	/**
	 * One sample message a consumer depends on.
	 * @param consumer the consumer's module directory name (e.g. {@code payment-service})
	 * @param file the fixture file
	 * @param relative the file's path below the consumer's {@link #LOCATION}: {@code <producer>/<file name>}
	 */
	record Fixture(String consumer, Path file, Path relative) {

		/** The producer folder, or null when the fixture is not in one. */
		@Nullable String producer() {
			return relative.getNameCount() == 2 ? relative.getName(0).toString() : null;
		}

		/** The wire type the file name declares. */
		String wireType() {
			String name = file.getFileName().toString();
			name = name.substring(0, name.length() - SUFFIX.length());
			int variant = name.indexOf(VARIANT_SEPARATOR);
			return variant < 0 ? name : name.substring(0, variant);
		}

		/** The fixture's path from the repository root, as a producer engineer would look for it. */
		String location() {
			return consumer + "/" + LOCATION + "/" + relative.toString().replace('\\', '/');
		}

		@Override
		public String toString() {
			return consumer + " <- " + relative.toString().replace('\\', '/');
		}

	}

	static Path repositoryRoot() {
		String configured = System.getProperty(ROOT_PROPERTY);
		Path root = configured != null && !configured.isBlank() ? Path.of(configured)
				: Path.of("").toAbsolutePath().getParent();
		root = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("shared-events")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
			throw new IllegalStateException("Not the orderflow repository root: " + root + " (set -D" + ROOT_PROPERTY
					+ " or run the tests from the shared-events module directory)");
		}
		return root;
	}

	/** Every fixture of every module, sorted by consumer and path. */
	static List<Fixture> all() {
		return in(repositoryRoot());
	}

	/** Every fixture of the modules directly below {@code root}. */
	static List<Fixture> in(Path root) {
		List<Fixture> fixtures = new ArrayList<>();
		try (Stream<Path> modules = Files.list(root)) {
			for (Path module : modules.filter(Files::isDirectory).toList()) {
				Path contracts = module.resolve(LOCATION);
				if (!Files.isDirectory(contracts)) {
					continue;
				}
				try (Stream<Path> files = Files.walk(contracts)) {
					files.filter(Files::isRegularFile)
						.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
						.forEach(file -> fixtures.add(new Fixture(module.getFileName().toString(), file,
								contracts.relativize(file))));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		fixtures.sort(Comparator.comparing(Fixture::toString));
		return fixtures;
	}

}
