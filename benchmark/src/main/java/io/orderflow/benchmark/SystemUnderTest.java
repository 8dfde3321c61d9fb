package io.orderflow.benchmark;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.localstack.postgres.PostgresServer;
import io.orderflow.localstack.process.ServiceProcess;

/**
 * The orderflow system the benchmark drives: a local stack it started on free ports (everything measurable), or a
 * running stack given by URLs (then only what is visible from outside: no process figures, no commit counts).
 *
 * @param servicePids service name to process id; empty for a running stack
 * @param startupSeconds service name to seconds from JVM start to "Started", from the service's own log line
 * @param postgres the database server, null for a running stack
 */
record SystemUnderTest(URI orderService, String bootstrapServers, Map<String, Long> servicePids,
		Map<String, Double> startupSeconds, PostgresServer postgres, AutoCloseable stack) implements AutoCloseable {

	static SystemUnderTest start(BenchmarkSettings settings) {
		if (settings.usesRunningStack()) {
			return new SystemUnderTest(settings.orderService(),
					Objects.requireNonNull(settings.bootstrapServers(), "orderflow.benchmark.bootstrap-servers"),
					Map.of(), Map.of(), null, () -> {
					});
		}
		Path work = settings.output().resolve("stack");
		LocalStack stack = LocalStack.start(false, work, Map.of());
		try {
			Map<String, Long> pids = new LinkedHashMap<>();
			Map<String, Double> startup = new LinkedHashMap<>();
			for (OrderflowService service : OrderflowService.values()) {
				ServiceProcess process = stack.service(service);
				pids.put(process.name(), process.pid().orElseThrow());
				startup.put(process.name(), StartupLogLine.secondsToStarted(process.logFile(), Duration.ofSeconds(10)));
			}
			return new SystemUnderTest(stack.service(OrderflowService.ORDER).baseUri(), stack.kafka().bootstrapServers(),
					pids, startup, stack.postgres(), stack);
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	boolean measuresProcesses() {
		return !servicePids.isEmpty();
	}

	@Override
	public void close() throws Exception {
		stack.close();
	}

	/** Spring Boot's "Started X in a seconds (process running for b)": b is the time from JVM start to ready. */
	static final class StartupLogLine {

		private static final java.util.regex.Pattern STARTED = java.util.regex.Pattern
			.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

		private StartupLogLine() {
		}

		static double secondsToStarted(Path log, Duration wait) {
			long deadline = System.nanoTime() + wait.toNanos();
			do {
				try {
					String last = null;
					for (String line : Files.readAllLines(log)) {
						var matcher = STARTED.matcher(line);
						if (matcher.find()) {
							last = matcher.group(1); // the log appends across restarts: the latest start counts
						}
					}
					if (last != null) {
						return Double.parseDouble(last);
					}
					Thread.sleep(200);
				}
				catch (java.io.IOException ex) {
					// not written yet
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			while (System.nanoTime() < deadline);
			return Double.NaN;
		}

	}


}
