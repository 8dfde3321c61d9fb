package io.orderflow.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.orderflow.embedded.network.IsolatedHost;

/**
 * One orderflow service running as its own JVM process from its executable jar, as in
 * production: it can be stopped, killed with SIGKILL and started again while the rest of
 * the system keeps running.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final int port;

	private final int managementPort;

	private final Map<String, String> properties;

	private final Map<String, String> environment;

	private final Path logFile;

	private final List<String> jvmOptions;

	/** What a JVM exits with after a fatal error of its own: 128 + SIGABRT. */
	private static final int JVM_FATAL_ERROR = 134;

	private Process process;

	/** SIGSTOPped by {@link #suspend()}. */
	private boolean suspended;

	/** Where it runs when not on this machine's loopback interface; null there. */
	private volatile IsolatedHost host;

	/**
	 * Options of a measurement, added to every service's JVM but not to its AOT cache's
	 * training run: {@code -Dorderflow.local-stack.service-jvm-options="..."}, separated
	 * by spaces, e.g. a flight recording per service
	 * ({@code -XX:StartFlightRecording=filename=/tmp/%p.jfr}) or another JIT setting to
	 * compare (docs/performance.md).
	 */
	static final List<String> MEASUREMENT_JVM_OPTIONS = measurementJvmOptions(
			System.getProperty("orderflow.local-stack.service-jvm-options", ""));

	/** How often this service's JVM crashed on its AOT cache. */
	private int crashesOnAotCache;

	/**
	 * From {@link #prepare()}: the extracted jar with its AOT cache; null to start from
	 * the executable jar.
	 */
	private volatile AotCache.Launch launch;

	/**
	 * @param properties Spring properties passed as {@code --key=value} arguments
	 * @param secrets Spring properties whose values must not show on a command line
	 * (where {@code ps} shows them to every user of the machine): passed as environment
	 * variables, named as Spring binds them ({@code orderflow.payment.provider.api-key}
	 * is {@code ORDERFLOW_PAYMENT_PROVIDER_API_KEY})
	 * @param managementPort the actuator's own port on 127.0.0.1 (health, and Prometheus
	 * without a token: ADR 0022)
	 */
	public ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> properties,
			Map<String, String> secrets, Path logDirectory, List<String> jvmOptions) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.managementPort = managementPort;
		this.properties = properties;
		this.environment = new LinkedHashMap<>();
		secrets.forEach((property, value) -> environment.put(environmentVariable(property), value));
		this.logFile = logDirectory.resolve(name + ".log");
		this.jvmOptions = jvmOptions;
	}

	public String name() {
		return name;
	}

	public int port() {
		return port;
	}

	public URI baseUri() {
		return URI.create("http://" + bindAddress() + ":" + port);
	}

	/**
	 * Runs the service on an isolated host of its own (a network namespace), whose links
	 * a test can cut: it listens on the host's address of the link through which
	 * everything but the broker and the database reaches it. Before {@link #start()}.
	 */
	public ServiceProcess isolatedOn(IsolatedHost isolatedHost) {
		this.host = isolatedHost;
		return this;
	}

	/**
	 * Its management port listens here, and its HTTP port is expected here (the
	 * {@code server.address} the stack gives it).
	 */
	private String bindAddress() {
		IsolatedHost isolated = host;
		return (isolated == null) ? "127.0.0.1" : isolated.namespaceAddress(IsolatedHost.Link.OTHER);
	}

	public int managementPort() {
		return managementPort;
	}

	/**
	 * Where the actuator answers: health, and {@code /actuator/prometheus} without a
	 * token. Not published beyond this machine.
	 */
	public URI managementUri() {
		return URI.create("http://" + bindAddress() + ":" + managementPort);
	}

	public Path logFile() {
		return logFile;
	}

	/**
	 * Extracts the jar and trains its ahead-of-time cache ({@link AotCache}) unless this
	 * build of it has one already, so that {@link #start()} starts fast. Blocks for the
	 * training run (once per build); needs the database and broker the service is
	 * configured with. Optional: without it, the service starts from its executable jar.
	 */
	public ServiceProcess prepare() {
		launch = AotCache.prepare(jar, jvmOptions, arguments(), environment, logFile).orElse(null);
		return this;
	}

	/**
	 * The AOT cache the service starts with, if {@link #prepare()} made one available.
	 */
	public Optional<Path> aotCache() {
		AotCache.Launch prepared = launch;
		return prepared == null ? Optional.empty() : Optional.of(prepared.cache());
	}

	static List<String> measurementJvmOptions(String property) {
		return property.isBlank() ? List.of() : List.of(property.strip().split("\\s+"));
	}

	/**
	 * The JVM's command line: its options, those of a measurement after them, then the
	 * jar and the service's arguments.
	 * @param prepared the extracted jar with its AOT cache, or null for the executable
	 * jar
	 */
	List<String> command(AotCache.Launch prepared, List<String> measurementOptions) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(prepared == null ? jvmOptions : prepared.jvmOptions());
		// a crash report beside the log, not in whatever folder the stack was started
		// from
		command.add("-XX:ErrorFile=" + logFile.resolveSibling(name + "-hs_err_pid%p.log"));
		// the collector's pauses beside the log, bounded: a service that stalled under
		// load shows here whether its heap was the cause
		command
			.add("-Xlog:gc:file=" + logFile.resolveSibling(name + "-gc.log") + ":uptime,time:filecount=2,filesize=2m");
		command.addAll(measurementOptions);
		command.add("-jar");
		command.add((prepared == null ? jar : prepared.jar()).toString());
		command.add("--server.port=" + port);
		command.add("--management.server.port=" + managementPort);
		command.add("--management.server.address=" + bindAddress());
		command.addAll(arguments());
		return command;
	}

	/** Starts the JVM (appending to its log file); returns at once. */
	public synchronized ServiceProcess start() {
		if (isAlive()) {
			return this;
		}
		List<String> command = command(launch, MEASUREMENT_JVM_OPTIONS);
		IsolatedHost isolated = host;
		try {
			Files.createDirectories(logFile.getParent());
			// ip netns exec replaces itself with the JVM: the process is the JVM, whose
			// signals (SIGSTOP, SIGKILL) reach it
			ProcessBuilder builder = new ProcessBuilder((isolated == null) ? command : isolated.command(command))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			// glibc gives each thread that mallocs its own arena, up to 8 per core,
			// mostly empty; two are plenty for a
			// service whose memory is the JVM's own
			builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
			builder.environment().putAll(environment);
			process = builder.start();
			suspended = false;
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/** The services run on the JDK that runs the stack. */
	static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * The environment variable Spring Boot binds to a property: upper case, '.' and '-'
	 * become '_' (the form Boot also accepts with the dashes dropped; this one reads as
	 * the property does).
	 */
	static String environmentVariable(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>();
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return arguments;
	}

	/**
	 * Waits until {@code /actuator/health/readiness} answers UP on the management port,
	 * which needs no token; fails fast if the process dies.
	 */
	public ServiceProcess awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest.newBuilder(managementUri().resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!isAlive() && !restartedAfterCrashOnAotCache()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
			}
			try {
				HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + name, ex);
			}
			pause(Duration.ofMillis(200));
		}
		throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile);
	}

	/**
	 * A JVM that died of a fatal error of its own (SIGABRT after writing an hs_err file:
	 * exit 134) while it started from its AOT cache is started once more from the same
	 * cache, and if it crashes again, without it, which this process then does not use
	 * again: the cache makes start-up faster, it must never make it fail. Seen on JDK
	 * 25.0.3, in {@code AOTLinkedClassBulkLoader}, on a service's first start after its
	 * training run, in about one stack start of three; the next start from the same cache
	 * did not crash.
	 */
	private synchronized boolean restartedAfterCrashOnAotCache() {
		if (launch == null || process.exitValue() != JVM_FATAL_ERROR) {
			return false;
		}
		crashesOnAotCache++;
		boolean again = crashesOnAotCache == 1;
		if (!again) {
			launch = null;
		}
		try {
			Files.writeString(logFile, "orderflow local stack: the JVM crashed on its AOT cache; starting "
					+ (again ? "again from it" : "without it") + "\n", StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			// the log line is a courtesy; the restart is what matters
		}
		start();
		return true;
	}

	/**
	 * The operating system's process id while running, e.g. for the benchmark to read its
	 * RSS and CPU time.
	 */
	public synchronized OptionalLong pid() {
		return isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
	}

	public synchronized boolean isAlive() {
		return process != null && process.isAlive();
	}

	/**
	 * SIGSTOP: the JVM freezes with its sockets, database sessions and locks open, as in
	 * a long garbage-collection pause or a hung virtual machine; nothing in it notices.
	 * {@link #resume()} lets it go on where it stopped.
	 */
	public synchronized void suspend() {
		signal("STOP");
		suspended = true;
	}

	/** SIGCONT after {@link #suspend()}. */
	public synchronized void resume() {
		signal("CONT");
		suspended = false;
	}

	/** Between {@link #suspend()} and {@link #resume()} (or its end). */
	public synchronized boolean isSuspended() {
		return suspended && isAlive();
	}

	/** Through kill(1): the JDK sends no signals but TERM and KILL. */
	private void signal(String signal) {
		if (!isAlive()) {
			throw new IllegalStateException(name + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not send SIG" + signal + " to " + name, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + name, ex);
		}
	}

	/**
	 * Graceful stop (SIGTERM), forced after a grace period; a {@linkplain #suspend()
	 * suspended} JVM is resumed first, or it would sit on the SIGTERM until killed.
	 */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		if (suspended && process.isAlive()) {
			try {
				signal("CONT");
			}
			catch (RuntimeException ex) {
				// it ended meanwhile: nothing to resume
			}
		}
		suspended = false;
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** SIGKILL: no shutdown hooks, no flushing, as when a machine dies. */
	public synchronized void kill() {
		if (process == null) {
			return;
		}
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
