package io.orderflow.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a service the way Spring Boot recommends for fast start-up on JDK 25: from its
 * extracted jar, with the JDK's ahead-of-time cache (JEP 483, 514: classes loaded and
 * linked in a training run). On these 2-core machines a service restarted alone is ready
 * in under 3 s instead of about 6 s (docs/performance.md).
 *
 * <p>
 * Once per build of a jar, in {@code <module>/target/aot/}:
 * {@code java -Djarmode=tools extract}, then a training run ({@code -XX:AOTCacheOutput},
 * {@code spring.context.exit=onRefresh}) against the stack's own database and broker,
 * which are up by then. Later starts only add {@code -XX:AOTCache}. Anything that goes
 * wrong here falls back to the plain executable jar: the cache makes start-up faster,
 * never makes it fail. {@code -Dorderflow.local-stack.aot-cache=false} turns it off.
 */
final class AotCache {

	/**
	 * {@code -XX:AOTCacheOutput} is a JDK 25 option; on 21 to 24 the services start from
	 * their executable jars.
	 */
	static final boolean ENABLED = Runtime.version().feature() >= 25
			&& Boolean.parseBoolean(System.getProperty("orderflow.local-stack.aot-cache", "true"));

	private static final long TRAINING_TIMEOUT_SECONDS = 180;

	private static final int KEPT_OLDER_BUILDS = 2;

	private AotCache() {
	}

	/**
	 * How to launch: the jar to run, the options that go before {@code -jar}, and the
	 * cache they name.
	 */
	record Launch(Path jar, List<String> jvmOptions, Path cache) {
	}

	/**
	 * The extracted jar and its trained cache, preparing them first if this build of the
	 * jar has none yet.
	 * @param trainingArguments the service's {@code --key=value} arguments, for the
	 * training run
	 * @param environment the service's environment variables (its secrets), for the
	 * training run
	 * @param log where the extraction and the training run write their output
	 */
	static Optional<Launch> prepare(Path executableJar, List<String> jvmOptions, List<String> trainingArguments,
			Map<String, String> environment, Path log) {
		if (!ENABLED) {
			return Optional.empty();
		}
		try {
			Path home = executableJar.resolveSibling("aot").resolve(buildKey(executableJar));
			Path cache = home.resolve("app.aot");
			Path jar = extracted(executableJar, home, log);
			if (!Files.exists(cache)) {
				train(jar, jvmOptions, trainingArguments, environment, cache, log);
			}
			List<String> options = new ArrayList<>(jvmOptions);
			options.add("-XX:AOTCache=" + cache);
			return Optional.of(new Launch(jar, options, cache));
		}
		catch (IOException | RuntimeException ex) {
			appendTo(log, "AOT cache unavailable, starting from the executable jar: " + ex);
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Another content of the jar, or another JDK, gets a new cache (a cache only fits the
	 * class path and JDK it came from). The content, not the file's time: the build is
	 * reproducible, so an unchanged service keeps its cache.
	 */
	private static String buildKey(Path jar) throws IOException {
		try (InputStream in = Files.newInputStream(jar)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Caches of earlier builds are about 100 MB each: all but the two newest go. Those
	 * two stay because a stack started from them may still be running (a demo beside a
	 * test run) and restart a service from its files.
	 */
	private static void deleteOldBuilds(Path home) throws IOException {
		try (Stream<Path> builds = Files.list(home.getParent())) {
			List<Path> others = builds.filter(path -> !path.equals(home))
				.sorted(Comparator.comparing(AotCache::lastModified).reversed())
				.toList();
			for (Path build : others.subList(Math.min(KEPT_OLDER_BUILDS, others.size()), others.size())) {
				deleteRecursively(build);
			}
		}
	}

	private static FileTime lastModified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static Path extracted(Path executableJar, Path home, Path log) throws IOException, InterruptedException {
		Path application = home.resolve("application");
		Path jar = application.resolve(executableJar.getFileName());
		if (Files.exists(jar)) {
			return jar;
		}
		Files.createDirectories(home);
		deleteOldBuilds(home);
		Path staging = home.resolve("application.staging");
		deleteRecursively(staging);
		run(List.of(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar", executableJar.toString(), "extract",
				"--destination", staging.toString()), Map.of(), log, "extract");
		Files.move(staging, application, StandardCopyOption.ATOMIC_MOVE);
		return jar;
	}

	private static void train(Path jar, List<String> jvmOptions, List<String> arguments,
			Map<String, String> environment, Path cache, Path log) throws IOException, InterruptedException {
		Path staging = cache.resolveSibling("app.aot.staging");
		Files.deleteIfExists(staging);
		List<String> command = new ArrayList<>();
		command.add(ServiceProcess.javaExecutable());
		command.addAll(jvmOptions);
		command.add("-XX:AOTCacheOutput=" + staging);
		// classes only, no method profiles (JEP 515): profiles of a start-up that ends at
		// onRefresh steered the JIT
		// away from the request and record paths; with them, steady-state CPU per order
		// rose by up to a fifth and the
		// benchmark's 150/s step saturated (docs/performance.md)
		command.add("-XX:+UnlockDiagnosticVMOptions");
		command.add("-XX:-AOTRecordTraining");
		command.add("-Dspring.context.exit=onRefresh");
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		command.add("--server.port=0");
		run(command, environment, log, "AOT training run");
		if (!Files.exists(staging)) {
			throw new IllegalStateException("the training run wrote no cache");
		}
		Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void run(List<String> command, Map<String, String> environment, Path log, String what)
			throws IOException, InterruptedException {
		Files.createDirectories(log.getParent());
		appendTo(log, "orderflow local stack: " + what);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException(what + " did not finish within " + TRAINING_TIMEOUT_SECONDS + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(what + " exited with " + process.exitValue());
			}
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static void appendTo(Path log, String line) {
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
