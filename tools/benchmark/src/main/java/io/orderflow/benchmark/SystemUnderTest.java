package io.orderflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.authorization.Customer;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.embedded.postgres.PostgresServer;
import io.orderflow.localstack.process.ServiceProcess;
import io.orderflow.probes.identity.ClientCredentials;
import io.orderflow.probes.kafka.KafkaConnection;

/**
 * The orderflow system the benchmark drives: a local stack it started on free ports
 * (everything measurable), or a running stack given by URLs (then only what is visible
 * from outside: no process figures, no commit counts).
 *
 * @param kafka the broker as its administrator: the benchmark reads every topic and
 * measures the broker alone on a topic of its own
 * @param servicePids service name to process id; empty for a running stack
 * @param startupSeconds service name to seconds from JVM start to "Started", from the
 * service's own log line
 * @param postgres the database server, null for a running stack
 * @param customers who places the orders, tokens fetched
 */
record SystemUnderTest(URI orderService, KafkaConnection kafka, Map<String, Long> servicePids,
		Map<String, Double> startupSeconds, PostgresServer postgres, List<ClientCredentials> customers,
		AutoCloseable stack) implements AutoCloseable {

	/**
	 * How the measured system differs from the local stack's demo, stated in the report:
	 * traces sampled as a production system samples them (every span still exported, to
	 * the stack's collector), no console, and the load's returning customers
	 * ({@link OrderMix#CUSTOMERS}, tokens fetched before the load).
	 */
	static final String CONFIGURATION = "tracing sampled at 10 % (the demo samples every request), spans exported; "
			+ "no console (its polling would add three reads per order); orders from " + OrderMix.CUSTOMERS
			+ " returning customers";

	/** The password of the load's customers: a local benchmark secret. */
	private static final String DEMO_SECRET = "demo";

	private static final Map<OrderflowService, Map<String, String>> SERVICE_PROPERTIES = Arrays
		.stream(OrderflowService.values())
		.collect(Collectors.toMap(service -> service,
				service -> Map.of("management.tracing.sampling.probability", "0.1")));

	static SystemUnderTest start(BenchmarkSettings settings) {
		if (settings.usesRunningStack()) {
			// a running stack's identity provider is not ours to register customers with:
			// its demo customers
			List<ClientCredentials> demoCustomers = Stream.of("customer-c-42", "customer-c-43")
				.map(client -> new ClientCredentials(settings.tokenUri(), client, DEMO_SECRET))
				.toList();
			return new SystemUnderTest(settings.orderService(), kafkaAdmin(settings), Map.of(), Map.of(), null,
					withTokens(demoCustomers), () -> {
					});
		}
		Path work = settings.output().resolve("stack");
		LocalStack stack = LocalStack.startWithoutConsole(work, SERVICE_PROPERTIES);
		try {
			Map<String, Long> pids = new LinkedHashMap<>();
			Map<String, Double> startup = new LinkedHashMap<>();
			for (OrderflowService service : OrderflowService.values()) {
				ServiceProcess process = stack.service(service);
				pids.put(process.name(), process.pid().orElseThrow());
				startup.put(process.name(), StartupLogLine.secondsToStarted(process.logFile(), Duration.ofSeconds(10)));
			}
			List<ClientCredentials> customers = new ArrayList<>();
			for (int i = 0; i < OrderMix.CUSTOMERS; i++) {
				Customer customer = new Customer("bench-customer-" + i, "bench-customer-" + i + "@example.com",
						DEMO_SECRET);
				stack.identity().register(customer);
				customers
					.add(new ClientCredentials(stack.identity().tokenUri(), customer.clientId(), customer.password()));
			}
			return new SystemUnderTest(stack.service(OrderflowService.ORDER).baseUri(), stack.kafkaAdmin(), pids,
					startup, stack.postgres(), withTokens(customers), stack);
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private static KafkaConnection kafkaAdmin(BenchmarkSettings settings) {
		String bootstrapServers = Objects.requireNonNull(settings.bootstrapServers(),
				"orderflow.benchmark.bootstrap-servers");
		Path passwordFile = Objects.requireNonNull(settings.kafkaPasswordFile(),
				"orderflow.benchmark.kafka-password-file");
		try {
			return new KafkaConnection(bootstrapServers, "admin",
					Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Kafka password in " + passwordFile, ex);
		}
	}

	/**
	 * Restarts each service on its own, the others running, as a rolling deployment does,
	 * and answers its time from JVM start to ready. At start-up the three JVMs share the
	 * 2 cores; here one has them. Empty for a running stack. The process ids change:
	 * measure processes before this.
	 */
	Map<String, Double> restartEachAlone() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		if (stack instanceof LocalStack local) {
			for (OrderflowService service : OrderflowService.values()) {
				ServiceProcess process = local.service(service);
				process.stop();
				process.start().awaitReady(Duration.ofSeconds(120));
				seconds.put(process.name(), StartupLogLine.secondsToStarted(process.logFile(), Duration.ofSeconds(10)));
			}
		}
		return seconds;
	}

	/**
	 * Fetches every customer's token now: the identity provider stays off the measured
	 * path.
	 */
	private static List<ClientCredentials> withTokens(List<ClientCredentials> customers) {
		customers.forEach(ClientCredentials::token);
		return List.copyOf(customers);
	}

	boolean measuresProcesses() {
		return !servicePids.isEmpty();
	}

	@Override
	public void close() throws Exception {
		stack.close();
	}

	/**
	 * Spring Boot's "Started X in a seconds (process running for b)": b is the time from
	 * JVM start to ready.
	 */
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
							last = matcher.group(1); // the log appends across restarts:
														// the latest start counts
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
