package io.orderflow.messaging.database;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.api.Location;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

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
 * </ul>
 */
@AutoConfiguration
public class DatabaseConventionsAutoConfiguration {

	public static final String MESSAGING_MIGRATIONS = "classpath:db/messaging";

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

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
	}

}
