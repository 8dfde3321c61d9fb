package io.orderflow.console.controls;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.probes.identity.ClientCredentials;
import io.orderflow.probes.kafka.KafkaConnection;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.ServiceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What a visitor can do from the page, one named command each:
 * {@code {"command":"stop-service", "service":"payment-service"}}. Every command checks
 * its fields and either does what it says or answers why not; none of them reaches into a
 * service other than through its public endpoints.
 */
public final class Commands implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Commands.class);

	private final Map<String, Function<JsonNode, Result>> commands = new LinkedHashMap<>();

	private final List<ServiceEndpoint> services;

	private final ServiceControls controls;

	private final Runnable changed;

	private final OrderPlacer placer;

	private final SteadyLoad load;

	private final ProviderFaults faults;

	private final PoisonPublisher poison;

	private final DeadLetters deadLetters;

	/** Services being stopped or started right now: one operation at a time each. */
	private final Set<String> busy = ConcurrentHashMap.newKeySet();

	/**
	 * @param operator who replays dead letters
	 * @param customer whose orders the page places
	 * @param services every instance of the three services; each can be stopped and
	 * started by its name, orders and dead letters go to the first instance of each
	 * @param controls stops and starts services where the console can (local stack),
	 * {@code null} elsewhere
	 * @param faultInjector the broker as a user that may write the event topics (local
	 * stack), {@code null} elsewhere
	 * @param changed called after a command changed the system, to look at it again soon
	 */
	public Commands(JsonHttp http, ClientCredentials operator, ClientCredentials customer,
			List<ServiceEndpoint> services, URI provider, KafkaConnection faultInjector, OrderBoard board,
			ServiceControls controls, Runnable changed) {
		this.services = List.copyOf(services);
		this.controls = controls;
		this.changed = changed;
		this.placer = new OrderPlacer(http.as(customer), service("order-service"), board);
		this.load = new SteadyLoad(placer);
		this.faults = new ProviderFaults(http, provider);
		this.poison = faultInjector == null ? null : new PoisonPublisher(faultInjector);
		// every instance of a service lists and replays the same dead letters: ask one
		this.deadLetters = new DeadLetters(http.as(operator), ServiceEndpoint.firstInstances(this.services));
		commands.put("place-order", this::placeOrder);
		commands.put("start-load", this::startLoad);
		commands.put("stop-load", this::stopLoad);
		commands.put("stop-service", body -> serviceOperation("stop-service", body));
		commands.put("start-service", body -> serviceOperation("start-service", body));
		commands.put("set-provider-faults", this::setProviderFaults);
		commands.put("publish-poison", this::publishPoison);
		commands.put("replay-dead-letters", this::replayDeadLetters);
	}

	/**
	 * What a command did.
	 *
	 * @param status the HTTP status to answer with: 200 done, 202 accepted and under way
	 * @param details facts for the page (an order id, where a record landed), or
	 * {@code null}
	 */
	public record Result(int status, String message, Map<String, Object> details) {
	}

	public Set<String> names() {
		return commands.keySet();
	}

	/**
	 * @throws CommandException when the command is unknown, its fields are wrong, or it
	 * cannot be done now
	 */
	public Result execute(JsonNode body) {
		JsonNode name = body.get("command");
		if (name == null || !name.isString()) {
			throw CommandException.invalid("'command' is required, a string: one of " + names());
		}
		Function<JsonNode, Result> command = commands.get(name.asString());
		if (command == null) {
			throw CommandException
				.invalid("Unknown command '" + printable(name.asString()) + "'; known are " + names());
		}
		Result result = command.apply(body);
		changed.run();
		return result;
	}

	public LoadState load() {
		return load.state();
	}

	public DeadLetters.Listing deadLetters() {
		return deadLetters.list();
	}

	private Result placeOrder(JsonNode body) {
		String card = CommandFields.of("place-order", body, Set.of("card"))
			.optionalText("card", Set.of("approved", "declined"), "approved");
		OrderPlacer.Placed placed = placer.place(card.equals("approved"));
		return new Result(202, "Order " + placed.orderId() + " accepted: " + placed.status(),
				Map.of("orderId", placed.orderId(), "status", placed.status()));
	}

	private Result startLoad(JsonNode body) {
		CommandFields fields = CommandFields.of("start-load", body, Set.of("ratePerSecond", "approvedShare"));
		double rate = fields.requiredNumber("ratePerSecond", 0.1, SteadyLoad.MAX_RATE);
		double share = fields.requiredNumber("approvedShare", 0.0, 1.0);
		load.start(rate, share);
		return new Result(200, "Placing %s orders per second, %d %% approved".formatted(rate, Math.round(share * 100)),
				null);
	}

	private Result stopLoad(JsonNode body) {
		CommandFields.of("stop-load", body, Set.of());
		load.stop();
		return new Result(200, "Load stopped", null);
	}

	private Result serviceOperation(String command, JsonNode body) {
		Set<String> names = services.stream().map(ServiceEndpoint::name).collect(Collectors.toCollection(TreeSet::new));
		String service = CommandFields.of(command, body, Set.of("service")).requiredText("service", names);
		if (controls == null) {
			throw new CommandException(409, "Not available here",
					"Services can be stopped and started from the console only in the local stack (./run-local.sh); "
							+ "with Docker: docker compose " + (command.startsWith("stop") ? "stop " : "start ")
							+ service);
		}
		if (!busy.add(service)) {
			throw new CommandException(409, "Busy", service + " is being stopped or started already");
		}
		boolean stop = command.startsWith("stop");
		Thread.ofVirtual().name("console-" + command + "-" + service).start(() -> {
			try {
				if (stop) {
					controls.stop(service);
				}
				else {
					controls.start(service);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not {} {}: {}", stop ? "stop" : "start", service, ex.getMessage());
			}
			finally {
				busy.remove(service);
				changed.run();
			}
		});
		return new Result(202, (stop ? "Stopping " : "Starting ") + service, Map.of("service", service));
	}

	private Result setProviderFaults(JsonNode body) {
		CommandFields fields = CommandFields.of("set-provider-faults", body, Set.of("latencyMs", "errorRate"));
		long latency = fields.requiredWholeNumber("latencyMs", 0, ProviderFaults.MAX_LATENCY_MS);
		double errorRate = fields.requiredNumber("errorRate", 0.0, 1.0);
		JsonNode now = faults.set(latency, errorRate);
		return new Result(200, "Payment provider: latency %d ms, error rate %s".formatted(latency, errorRate),
				now == null ? null : Map.of("faults", now));
	}

	private Result publishPoison(JsonNode body) {
		String topic = CommandFields.of("publish-poison", body, Set.of("topic"))
			.requiredText("topic", PoisonPublisher.TOPICS);
		if (poison == null) {
			// the console's own Kafka user only reads; a forged record needs a user that
			// may write, which only the local stack makes
			throw new CommandException(409, "Not available here",
					"Poison can be published from the console only in the local stack (./run-local.sh), which gives "
							+ "it a Kafka user that may write the event topics");
		}
		PoisonPublisher.Published published = poison.publish(topic);
		return new Result(202,
				"Poison record published on %s, partition %d, offset %d".formatted(published.topic(),
						published.partition(), published.offset()),
				Map.of("topic", published.topic(), "partition", published.partition(), "offset", published.offset(),
						"key", published.key()));
	}

	private Result replayDeadLetters(JsonNode body) {
		Set<String> names = ServiceEndpoint.firstInstances(services)
			.stream()
			.map(ServiceEndpoint::name)
			.collect(Collectors.toCollection(TreeSet::new));
		String service = CommandFields.of("replay-dead-letters", body, Set.of("service"))
			.optionalText("service", names, null);
		DeadLetters.Replayed replayed = deadLetters.replayAll(service);
		String message = "Replayed " + replayed.replayed() + " dead letter(s)"
				+ (replayed.failures().isEmpty() ? "" : "; " + replayed.failures().size() + " failed");
		return new Result(200, message, Map.of("replayed", replayed.replayed(), "failures", replayed.failures()));
	}

	private ServiceEndpoint service(String name) {
		return services.stream()
			.filter(service -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No endpoint of " + name + " configured"));
	}

	/** An unknown name is echoed back, but short and without control characters. */
	private static String printable(String text) {
		String shown = text.codePoints()
			.filter(c -> c >= 0x20 && c != 0x7f)
			.limit(60)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return text.length() > 60 ? shown + "…" : shown;
	}

	@Override
	public void close() {
		load.close();
		if (poison != null) {
			poison.close();
		}
	}

}
