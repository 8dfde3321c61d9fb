package io.orderflow.console.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.controls.Commands;
import io.orderflow.console.events.EventLog;
import io.orderflow.console.events.ObservedEvent;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.SystemStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the page is sent: on connecting a {@code snapshot} (recent orders, recent events
 * per topic, status, chart, load), then every {@value #TICK_MILLIS} ms an {@code update}
 * with what changed: orders, records read, status, chart, load. Batching by tick keeps
 * the browser's work per second bounded however fast events arrive.
 */
final class LiveUpdates implements AutoCloseable {

	static final long TICK_MILLIS = 500;

	static final int SNAPSHOT_ORDERS = 150;

	static final int SNAPSHOT_EVENTS_PER_TOPIC = 40;

	/**
	 * Per tick: more is more than a person can read, and the page keeps the newest
	 * anyway.
	 */
	static final int MAX_PER_TICK = 200;

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final OrderBoard board;

	private final EventLog events;

	private final Supplier<SystemStatus> status;

	private final Commands commands;

	private final EventStream stream = new EventStream();

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("console-updates").factory());

	private long sentUpTo = -1;

	LiveUpdates(OrderBoard board, EventLog events, Supplier<SystemStatus> status, Commands commands) {
		this.board = board;
		this.events = events;
		this.status = status;
		this.commands = commands;
	}

	LiveUpdates start() {
		ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
		return this;
	}

	/** The whole picture now, as {@code GET /api/snapshot} answers it. */
	synchronized Map<String, Object> snapshot() {
		Map<String, Object> snapshot = common();
		snapshot.put("orders", board.recent(SNAPSHOT_ORDERS));
		snapshot.put("events", events.recent(SNAPSHOT_EVENTS_PER_TOPIC));
		return snapshot;
	}

	/**
	 * Connects a page: its first message is a snapshot, taken under the same lock as the
	 * ticks, so no update older than the snapshot can follow it.
	 * @return {@code null} when too many pages are connected
	 */
	synchronized EventStream.Client connect() {
		return stream.connect(EventStream.message("snapshot", JsonHttp.JSON.writeValueAsBytes(snapshot())));
	}

	void disconnect(EventStream.Client client) {
		stream.disconnect(client);
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("Could not send an update to the page", ex);
		}
	}

	/**
	 * Takes what changed since the last tick, whether pages are connected or not, so
	 * nothing piles up.
	 */
	synchronized void tick() {
		Map<String, Object> update = common();
		update.put("orders", board.drainChanged(MAX_PER_TICK));
		List<ObservedEvent> read = events.after(sentUpTo, MAX_PER_TICK);
		update.put("events", read);
		if (!read.isEmpty()) {
			sentUpTo = read.getLast().sequence();
		}
		if (stream.size() > 0) {
			stream.broadcast(EventStream.message("update", JsonHttp.JSON.writeValueAsBytes(update)));
		}
	}

	private Map<String, Object> common() {
		Instant now = Instant.now();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("now", now);
		message.put("status", status.get());
		message.put("chart", board.chart(now));
		message.put("load", commands.load());
		message.put("tickMillis", TICK_MILLIS);
		return message;
	}

	@Override
	public void close() {
		ticker.shutdownNow();
		stream.closeAll();
	}

}
