import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies one orderflow service, with exactly the modules its build and tests need, into an empty folder, as a team
 * forking that service would: {@code java tools/scripts/ForkService.java payment-service /tmp/payments}.
 *
 * <p>What it carries is read from the poms, not listed here: the service and, transitively, every {@code io.orderflow}
 * module its pom depends on (any scope), so a new dependency travels with the service without touching this file.
 * The root pom is rewritten to name only the carried modules. Only files under version control are copied (build
 * output and local state stay behind). {@code tools/scripts/fork-service.sh} runs this, then builds and tests the
 * copy. Plain Java (a single-file program), so a forker needs nothing but the JDK the project needs anyway.
 */
public final class ForkService {

	private static final String GROUP = "io.orderflow";

	/** What every Maven build of the project needs beside its modules. */
	private static final List<String> ROOT_FILES = List.of("pom.xml", "mvnw", "mvnw.cmd", ".mvn", "LICENSE",
			".gitignore");

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");

	private static final Pattern DEPENDENCY = Pattern
		.compile("<dependency>\\s*<groupId>" + Pattern.quote(GROUP) + "</groupId>\\s*<artifactId>([^<]+)</artifactId>");

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("Usage: java tools/scripts/ForkService.java <service folder> <empty target folder>");
			System.exit(2);
		}
		Path root = Path.of("").toAbsolutePath();
		Path target = Path.of(args[1]).toAbsolutePath().normalize();
		if (Files.exists(target) && !isEmptyDirectory(target)) {
			throw new IllegalArgumentException(target + " is not empty: fork into an empty folder");
		}
		Map<String, String> folderByArtifact = modules(root);
		List<String> carried = carried(root, args[0], folderByArtifact);

		Files.createDirectories(target);
		List<String> paths = new ArrayList<>(ROOT_FILES);
		paths.addAll(carried);
		for (Path file : trackedFiles(root, paths)) {
			if (!Files.exists(root.resolve(file))) {
				continue; // deleted in this working tree, not yet committed
			}
			Path copy = target.resolve(file.toString());
			Files.createDirectories(copy.getParent());
			Files.copy(root.resolve(file), copy, StandardCopyOption.COPY_ATTRIBUTES);
		}
		Files.writeString(target.resolve("pom.xml"), rootPom(Files.readString(root.resolve("pom.xml")), carried,
				folderByArtifact), StandardCharsets.UTF_8);

		System.out.println("Forked " + args[0] + " into " + target + ", carrying " + carried.size() + " modules:");
		carried.forEach(folder -> System.out.println("  " + folder));
	}

	/** The root pom's modules, by artifact id, in the root pom's order. */
	static Map<String, String> modules(Path root) throws IOException {
		Map<String, String> folderByArtifact = new LinkedHashMap<>();
		Matcher module = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
		while (module.find()) {
			String folder = module.group(1).trim();
			Matcher own = OWN_ARTIFACT.matcher(Files.readString(root.resolve(folder).resolve("pom.xml")));
			if (!own.find()) {
				throw new IllegalStateException(folder + "/pom.xml names no artifactId after its parent");
			}
			folderByArtifact.put(own.group(1), folder);
		}
		return folderByArtifact;
	}

	/** The service's folder and the folders of every project module it depends on, transitively, in pom order. */
	static List<String> carried(Path root, String service, Map<String, String> folderByArtifact) throws IOException {
		if (!folderByArtifact.containsValue(service)) {
			throw new IllegalArgumentException(service + " is not a module of " + root.resolve("pom.xml"));
		}
		Set<String> folders = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(List.of(service));
		while (!pending.isEmpty()) {
			String folder = pending.pop();
			if (!folders.add(folder)) {
				continue;
			}
			Matcher dependency = DEPENDENCY.matcher(Files.readString(root.resolve(folder).resolve("pom.xml")));
			while (dependency.find()) {
				String dependencyFolder = folderByArtifact.get(dependency.group(1));
				if (dependencyFolder == null) {
					throw new IllegalStateException(folder + " depends on " + dependency.group(1)
							+ ", which is not a module of the root pom");
				}
				pending.push(dependencyFolder);
			}
		}
		return folderByArtifact.values().stream().filter(folders::contains).toList();
	}

	/**
	 * The root pom with only the carried modules, and without the managed versions of the modules left behind (a
	 * fork's pom names nothing it does not have).
	 */
	static String rootPom(String pom, List<String> carried, Map<String, String> folderByArtifact) {
		StringBuilder modules = new StringBuilder("<modules>\n");
		carried.forEach(folder -> modules.append("    <module>").append(folder).append("</module>\n"));
		modules.append("  </modules>");
		String rewritten = Pattern.compile("<modules>.*?</modules>", Pattern.DOTALL)
			.matcher(pom)
			.replaceFirst(Matcher.quoteReplacement(modules.toString()));
		for (Map.Entry<String, String> module : folderByArtifact.entrySet()) {
			if (!carried.contains(module.getValue())) {
				rewritten = rewritten.replaceAll("\\s*<dependency>\\s*<groupId>" + Pattern.quote(GROUP)
						+ "</groupId>\\s*<artifactId>" + Pattern.quote(module.getKey())
						+ "</artifactId>\\s*<version>[^<]*</version>\\s*</dependency>", "");
			}
		}
		return rewritten;
	}

	/** The files under version control below {@code paths}, relative to the root. */
	static List<Path> trackedFiles(Path root, List<String> paths) throws IOException {
		List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "ls-files", "-z", "--"));
		command.addAll(paths);
		Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (git.waitFor() != 0) {
				throw new IllegalStateException("git ls-files failed: run this inside a clone of orderflow");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return Stream.of(listing.split("\0")).filter(name -> !name.isEmpty()).map(Path::of).toList();
	}

	private static boolean isEmptyDirectory(Path directory) {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.findAny().isEmpty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
