package io.orderflow.messaging.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import io.orderflow.messaging.MessagingIntegrationTest;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Integration, on the real PostgreSQL: what every service used to declare itself is
 * declared once by {@link DatabaseConventionsAutoConfiguration}. The test application
 * names no Flyway location, as a service does not.
 */
class DatabaseConventionsIT extends MessagingIntegrationTest {

	@Autowired
	Flyway flyway;

	@Autowired
	Clock clock;

	@Test
	void theMessagingMigrationsRunWithTheApplicationsOwnAndMayApplyOutOfOrder() {
		assertThat(Arrays.stream(flyway.getConfiguration().getLocations()).map(Location::getDescriptor))
			.containsExactlyInAnyOrder("classpath:db/migration",
					DatabaseConventionsAutoConfiguration.MESSAGING_MIGRATIONS);
		assertThat(flyway.getConfiguration().isOutOfOrder()).isTrue();
		assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getVersion).map(String::valueOf))
			.contains("0.1", "0.2", "0.3", "0.4", "1");
	}

	@Test
	void theClockTicksInMicrosecondsAsPostgresqlStoresThem() {
		for (int i = 0; i < 100; i++) {
			Instant now = clock.instant();
			assertThat(now).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
		}
	}

	@Test
	void aServicesOwnClockReplacesIt() {
		Clock fixed = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DatabaseConventionsAutoConfiguration.class))
			.withBean(Clock.class, () -> fixed)
			.run(started -> assertThat(started.getBean(Clock.class)).isSameAs(fixed));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DatabaseConventionsAutoConfiguration.class))
			.run(started -> assertThat(started.getBean(Clock.class).instant()).isCloseTo(Instant.now(),
					within(Duration.ofSeconds(5).toMillis(), ChronoUnit.MILLIS)));
	}

}
