package io.orderflow.messaging.database;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.api.Location;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What every service on this module shares about its database, declared once here instead
 * of in each service.
 *
 * <ul>
 * <li>The messaging tables' migrations ({@value #MESSAGING_MIGRATIONS}) run with the
 * service's own (Boot's {@code spring.flyway.locations}, {@code classpath:db/migration}
 * by default). This module numbers its migrations 0.x and a service 1 and up; they touch
 * disjoint tables, so a messaging migration added after the service's own applies out of
 * order.</li>
 * <li>One clock for the domain, ticking in microseconds: PostgreSQL stores no finer, so
 * an instant reads back as it was written. A service or test that declares its own
 * {@link Clock} replaces it.</li>
 * <li>Every transaction is a lease ({@value #TRANSACTION_LEASE}, 10 s by default): an
 * instance that stops answering inside one holds its row locks, and with them its peers'
 * work, no longer than that ({@link IdleTransactionLease}).</li>
 * <li>A database that says nothing is given up on ({@value #SOCKET_TIMEOUT}, 20 s by
 * default): a query caught by a network partition fails instead of hanging its thread
 * ({@link SocketTimeout}).</li>
 * </ul>
 */
@AutoConfiguration
public class DatabaseConventionsAutoConfiguration {

	public static final String MESSAGING_MIGRATIONS = "classpath:db/messaging";

	public static final String TRANSACTION_LEASE = "orderflow.database.transaction-lease";

	static final Duration DEFAULT_TRANSACTION_LEASE = Duration.ofSeconds(10);

	public static final String SOCKET_TIMEOUT = "orderflow.database.socket-timeout";

	static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(20);

	@Bean
	FlywayConfigurationCustomizer messagingMigrations() {
		return configuration -> {
			List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
			if (locations.stream().noneMatch(location -> location.getDescriptor().equals(MESSAGING_MIGRATIONS))) {
				locations.add(new Location(MESSAGING_MIGRATIONS));
			}
			configuration.locations(locations.toArray(Location[]::new)).outOfOrder(true);
		};
	}

	/** Static: a post-processor is created before the beans it processes. */
	@Bean
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	static BeanPostProcessor idleTransactionLease(Environment environment) {
		return new IdleTransactionLease(
				Binder.get(environment).bind(TRANSACTION_LEASE, Duration.class).orElse(DEFAULT_TRANSACTION_LEASE));
	}

	@Bean
	@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
	static BeanPostProcessor socketTimeout(Environment environment) {
		return new SocketTimeout(
				Binder.get(environment).bind(SOCKET_TIMEOUT, Duration.class).orElse(DEFAULT_SOCKET_TIMEOUT));
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
	}

}
