package io.orderflow.console;

import java.net.URI;
import java.time.Duration;

import io.orderflow.probes.identity.ClientCredentials;
import io.orderflow.probes.lifecycle.StartedResources;
import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.controls.Commands;
import io.orderflow.console.controls.ServiceControls;
import io.orderflow.console.events.EventFeed;
import io.orderflow.console.events.EventLog;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.OrderAudit;
import io.orderflow.console.status.StatusPoller;
import io.orderflow.console.web.ConsoleServer;

/**
 * The live console of a running orderflow system: a web page that shows orders moving
 * through the saga, the events on each topic, the services' health, lag, outbox and dead
 * letters, the circuit breakers, and a chart of outcomes and latency; and lets a visitor
 * place orders and break things. It learns everything from Kafka (its own consumer group)
 * and the services' public endpoints, as the operator (dead letters) and as a demo
 * customer (its orders); no service knows it exists.
 *
 * <p>
 * Embedded by the local stack, which hands it {@link ServiceControls}; standalone in
 * docker compose ({@link ConsoleMain}).
 */
public final class Console implements AutoCloseable {

	/** Public endpoints answer within this or count as not answering. */
	static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

	private final StartedResources started = new StartedResources();

	private ConsoleServer server;

	private Console() {
	}

	/** Starts reading Kafka, polling the services, and serving the page. */
	public static Console start(ConsoleSettings settings) {
		Console console = new Console();
		try {
			console.startAll(settings);
			return console;
		}
		catch (RuntimeException ex) {
			console.close();
			throw ex;
		}
	}

	private void startAll(ConsoleSettings settings) {
		JsonHttp http = started.add(new JsonHttp(HTTP_TIMEOUT));
		OrderBoard board = new OrderBoard(OrderBoard.DEFAULT_CAPACITY);
		EventLog events = new EventLog();
		ServiceControls controls = settings.controls();
		ClientCredentials operator = settings.identity().operator();
		ClientCredentials customer = settings.identity().customer();
		StatusPoller status = started.add(new StatusPoller(settings.services(), settings.provider(), settings.kafka(),
				http, controls == null ? null : controls::isRunning)
			.start());
		OrderAudit audit = started.add(new OrderAudit(http.as(customer), settings.provider(),
				settings.service(ConsoleSettings.NOTIFICATION_SERVICE), board)
			.start());
		board.onOutcome(audit::outcome);
		started
			.add(new EventFeed(settings.kafka(), settings.consumerGroup(), settings.window(), events, board).start());
		Commands commands = started.add(new Commands(http, operator, customer, settings.services(), settings.provider(),
				settings.faultInjector(), board, controls, status::pollSoon));
		server = started.add(ConsoleServer.start(settings.address(), board, events, status::latest, commands));
	}

	/** The page, e.g. {@code http://127.0.0.1:8080/}. */
	public URI baseUri() {
		return server.baseUri();
	}

	public int port() {
		return server.port();
	}

	/** Stops serving, polling and reading, in reverse order of start. */
	@Override
	public synchronized void close() {
		started.close();
	}

	@Override
	public String toString() {
		return "orderflow console" + (server == null ? "" : " on " + server.baseUri());
	}

}
