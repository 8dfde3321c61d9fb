package io.orderflow.messaging.consumer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;

/**
 * An instance that cannot reach its own database steps out of its consumer groups until
 * it can again, so that a peer that can takes its partitions over.
 *
 * <p>
 * Why: a record that failed because the database is unreachable is not poison, and the
 * error handler retries it until the database heals. But the instance's heartbeats still
 * reach the group, which leaves it its partitions while it can do nothing with them. When
 * only this instance lost its database (a network partition, a bad node), its peers could
 * have gone on: in ScaleOutFaultIT's S7, before this, 284 of 800 orders waited out their
 * deadline while one payment-service instance was cut off its database.
 *
 * <p>
 * How: when a delivery fails on an unreachable database and the database does not answer
 * a check either, every running listener container stops. Its consumer leaves the group,
 * which gives its partitions to the members left once the session timeout passes (with
 * static membership, an instance that returns within it gets them back without a
 * rebalance). The record in hand is not committed, so whoever owns the partition next
 * gets it again; the inbox absorbs what was done twice. A check every
 * {@code checkInterval} asks the database, and once it answers the containers this
 * stopped start again. When the database is down for every instance, every one steps
 * aside and comes back: the records wait in Kafka, as they would in the retry loop.
 */
public class StepAsideWhileDatabaseUnreachable implements RetryListener, SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StepAsideWhileDatabaseUnreachable.class);

	/** How long a check waits for the database to answer. */
	private static final int CHECK_TIMEOUT_SECONDS = 2;

	private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

	private final BooleanSupplier databaseAnswers;

	private final Duration checkInterval;

	private final ScheduledExecutorService checks = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("database-reachability").factory());

	/** The containers this stopped, to start again; empty unless stepped aside. */
	private final List<MessageListenerContainer> stopped = new ArrayList<>();

	/** A check is under way or scheduled. */
	private boolean checking;

	private volatile boolean running;

	/**
	 * @param databaseAnswers whether the database answers now ({@link #freshConnection})
	 * @param checkInterval how often to ask while it does not
	 */
	public StepAsideWhileDatabaseUnreachable(ObjectProvider<KafkaListenerEndpointRegistry> listeners,
			BooleanSupplier databaseAnswers, Duration checkInterval) {
		this.listeners = listeners;
		this.databaseAnswers = databaseAnswers;
		this.checkInterval = checkInterval;
	}

	/**
	 * Asks the database on a connection of its own, opened and checked within
	 * {@value #CHECK_TIMEOUT_SECONDS} s, never one of the pool's: a busy service may have
	 * every pooled connection in use (the pool then times out as it does when the
	 * database is gone) while the database answers perfectly well.
	 */
	public static BooleanSupplier freshConnection(DataSource dataSource) {
		if (!(dataSource instanceof HikariDataSource pool)) {
			return () -> answers(dataSource::getConnection);
		}
		return () -> {
			Properties login = new Properties();
			login.putAll(pool.getDataSourceProperties());
			if (pool.getUsername() != null) {
				login.setProperty("user", pool.getUsername());
			}
			if (pool.getPassword() != null) {
				login.setProperty("password", pool.getPassword());
			}
			login.setProperty("connectTimeout", String.valueOf(CHECK_TIMEOUT_SECONDS));
			login.setProperty("socketTimeout", String.valueOf(CHECK_TIMEOUT_SECONDS));
			return answers(() -> DriverManager.getConnection(pool.getJdbcUrl(), login));
		};
	}

	private static boolean answers(ConnectionSource source) {
		try (Connection connection = source.open()) {
			return connection.isValid(CHECK_TIMEOUT_SECONDS);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	private interface ConnectionSource {

		Connection open() throws SQLException;

	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		if (running && ConsumerFailures.isCausedByUnreachableDatabase(ex)) {
			scheduleCheck(Duration.ZERO);
		}
	}

	private synchronized void scheduleCheck(Duration delay) {
		if (!checking && running) {
			checking = true;
			checks.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Off the consumers' threads, and outside the lock: stopping a container waits for
	 * its consumer thread, which may be failing a delivery right then.
	 */
	private void check() {
		boolean reachable = databaseAnswers.getAsBoolean();
		List<MessageListenerContainer> toStop = List.of();
		List<MessageListenerContainer> toStart = List.of();
		synchronized (this) {
			checking = false;
			if (!running) {
				return;
			}
			if (!reachable && stopped.isEmpty()) {
				toStop = runningContainers();
				stopped.addAll(toStop);
			}
			else if (reachable && !stopped.isEmpty()) {
				toStart = List.copyOf(stopped);
				stopped.clear();
			}
		}
		if (!toStop.isEmpty()) {
			log.warn("The database does not answer: stopping {} listener container(s), so that instances that "
					+ "reach it take their partitions over; they start again once it answers", toStop.size());
			toStop.forEach(MessageListenerContainer::stop);
		}
		if (!toStart.isEmpty()) {
			log.info("The database answers again: starting {} listener container(s)", toStart.size());
			toStart.forEach(MessageListenerContainer::start);
		}
		if (!reachable) {
			scheduleCheck(checkInterval);
		}
	}

	private List<MessageListenerContainer> runningContainers() {
		KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
		if (registry == null) {
			return List.of();
		}
		return registry.getListenerContainers().stream().filter(MessageListenerContainer::isRunning).toList();
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * No check starts a container after this; the thread stays for a start that may
	 * follow (a context stopped and started again), and ends with the bean.
	 */
	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public void destroy() {
		checks.shutdownNow();
	}

	/**
	 * The highest phase: it starts after the listener containers (whose phase is just
	 * below) and stops before them, so that it never starts one while the service stops.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
