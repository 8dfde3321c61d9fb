package io.orderflow.console.status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.probes.kafka.ConsumerGroupLag;
import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the system once a second through its public endpoints only: each service
 * instance's {@code /actuator/health} and {@code /actuator/prometheus}, the provider's
 * fault settings, and the consumer groups' offsets in Kafka. An instance that does not
 * answer is shown as such; nothing here waits longer than a short timeout.
 */
public final class StatusPoller implements AutoCloseable {

	public static final Duration INTERVAL = Duration.ofSeconds(1);

	/**
	 * A broker that does not answer within this is shown as away, and the page falls back
	 * to the services' own lag.
	 */
	private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

	private final List<ServiceEndpoint> services;

	private final URI provider;

	private final JsonHttp http;

	private final Admin admin;

	private final ConsumerGroupLag lag;

	private final Function<String, Boolean> running;

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("console-status").factory());

	private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

	private volatile SystemStatus latest;

	/**
	 * @param services every instance of the three services, grouped by their consumer
	 * group ({@link ServiceEndpoint#byService})
	 * @param running whether an instance's process runs, by its name, where the console
	 * controls them; {@code null} elsewhere
	 */
	public StatusPoller(List<ServiceEndpoint> services, URI provider, KafkaConnection kafka, JsonHttp http,
			Function<String, Boolean> running) {
		this.services = List.copyOf(services);
		this.provider = provider;
		this.http = http;
		this.admin = ConsumerGroupLag.admin(kafka, "orderflow-console-admin", BROKER_TIMEOUT);
		this.lag = new ConsumerGroupLag(admin, BROKER_TIMEOUT);
		this.running = running;
		this.latest = unknown();
	}

	public StatusPoller start() {
		scheduler.scheduleWithFixedDelay(this::pollSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		return this;
	}

	public SystemStatus latest() {
		return latest;
	}

	public List<ServiceEndpoint> services() {
		return services;
	}

	/**
	 * Looks now instead of at the next tick, e.g. right after a control changed
	 * something.
	 */
	public void pollSoon() {
		scheduler.execute(this::pollSafely);
	}

	private void pollSafely() {
		try {
			latest = poll();
		}
		catch (RuntimeException ex) {
			log.warn("Could not poll the system's status", ex);
		}
	}

	SystemStatus poll() {
		CompletableFuture<Optional<Map<String, Long>>> lags = CompletableFuture.supplyAsync(this::lags, lookups);
		CompletableFuture<ProviderStatus> providerStatus = CompletableFuture.supplyAsync(this::provider, lookups);
		Map<ServiceEndpoint, CompletableFuture<Look>> looks = new LinkedHashMap<>();
		services.forEach(instance -> looks.put(instance, CompletableFuture.supplyAsync(() -> look(instance), lookups)));
		Optional<Map<String, Long>> lagByGroup = lags.join();
		Map<String, ServiceMetrics> metricsByService = new LinkedHashMap<>();
		List<ServiceStatus> statuses = new ArrayList<>();
		ServiceEndpoint.byService(services).forEach((service, endpoints) -> {
			List<InstanceStatus> instances = new ArrayList<>();
			List<ServiceMetrics> metrics = new ArrayList<>();
			for (ServiceEndpoint instance : endpoints) {
				Look look = looks.get(instance).join();
				instances.add(new InstanceStatus(instance.name(), instance.baseUri(), look.health(),
						running == null ? null : running.apply(instance.name())));
				metrics.add(look.metrics());
			}
			ServiceMetrics combined = ServiceMetrics.ofInstances(metrics);
			metricsByService.put(service, combined);
			Long behind = lagByGroup.map(groups -> groups.get(endpoints.getFirst().consumerGroup()))
				.orElse(combined.lagMax() == null ? null : combined.lagMax().longValue());
			statuses.add(new ServiceStatus(service, ServiceStatus.health(instances), ServiceStatus.running(instances),
					behind, combined.outboxBacklog(), combined.deadLetters(), instances));
		});
		List<EdgeStatus> edges = new ArrayList<>();
		for (Edge edge : Edge.SYSTEM) {
			ServiceMetrics caller = metricsByService.get(edge.caller());
			String state = caller == null ? "unknown" : caller.breakers().getOrDefault(edge.name(), "unknown");
			edges.add(new EdgeStatus(edge.name(), edge.caller(), state));
		}
		return new SystemStatus(Instant.now(), statuses, edges, providerStatus.join(), lagByGroup.isPresent(),
				running != null);
	}

	private record Look(String health, ServiceMetrics metrics) {
	}

	private Look look(ServiceEndpoint service) {
		JsonHttp.Answer health = http.get(service.actuator("/actuator/health"));
		if (!health.answered()) {
			return new Look("UNREACHABLE", ServiceMetrics.UNKNOWN);
		}
		String state = health.json() != null && health.json().path("status").isString()
				? health.json().path("status").asString() : "DOWN";
		JsonHttp.Answer metrics = http.getText(service.actuator("/actuator/prometheus"));
		return new Look(state.equals("UP") ? "UP" : "DOWN",
				metrics.ok() ? ServiceMetrics.from(metrics.body()) : ServiceMetrics.UNKNOWN);
	}

	private Optional<Map<String, Long>> lags() {
		try {
			return Optional.of(lag.byGroup(services.stream().map(ServiceEndpoint::consumerGroup).distinct().toList()));
		}
		catch (ConsumerGroupLag.BrokerUnavailableException ex) {
			return Optional.empty();
		}
	}

	private ProviderStatus provider() {
		JsonHttp.Answer faults = http.get(provider.resolve("/v1/admin/faults"));
		if (!faults.ok() || faults.json() == null) {
			return new ProviderStatus(false, null, null);
		}
		return new ProviderStatus(true, faults.json().path("latencyMs").asLong(),
				faults.json().path("errorRate").asDouble());
	}

	private SystemStatus unknown() {
		List<ServiceStatus> statuses = ServiceEndpoint.byService(services)
			.entrySet()
			.stream()
			.map(service -> new ServiceStatus(service.getKey(), "UNREACHABLE", null, null, null, null,
					service.getValue()
						.stream()
						.map(instance -> new InstanceStatus(instance.name(), instance.baseUri(), "UNREACHABLE", null))
						.toList()))
			.toList();
		List<EdgeStatus> edges = Edge.SYSTEM.stream()
			.map(edge -> new EdgeStatus(edge.name(), edge.caller(), "unknown"))
			.toList();
		return new SystemStatus(Instant.now(), statuses, edges, new ProviderStatus(false, null, null), false,
				running != null);
	}

	@Override
	public void close() {
		scheduler.shutdownNow();
		lookups.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		admin.close(Duration.ofSeconds(2));
	}

}
