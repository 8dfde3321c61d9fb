package io.orderflow.messaging;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: the pruning horizon cannot be configured shorter than the longest an event can
 * take to come back, which the topics' retentions decide (ADR 0018); the relay's lease is
 * one PostgreSQL enforces.
 */
class MessagingPropertiesTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void theDefaultsAreSafeAndTheBoundIsFortyFiveDays() {
		context.run(started -> {
			assertThat(started).hasNotFailed();
			MessagingProperties properties = started.getBean(MessagingProperties.class);
			assertThat(properties.topics().latestRedelivery()).hasDays(45);
			assertThat(properties.pruning().horizon()).hasDays(60);
			assertThat(properties.topics().deadLetterRetention()).hasDays(28);
		});
	}

	@Test
	void aHorizonShorterThanTheLatestRedeliveryIsRefusedAtStartup() {
		assertRefused("orderflow.messaging.pruning.horizon=44d",
				"orderflow.messaging.pruning.horizon must be at least");
		context.withPropertyValues("orderflow.messaging.pruning.horizon=45d")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void consumersCommitEveryTenthOfASecondAndANegativeIntervalIsRefused() {
		context.run(started -> assertThat(started.getBean(MessagingProperties.class).consumer().commitInterval())
			.hasMillis(100));
		assertRefused("orderflow.messaging.consumer.commit-interval=-1ms",
				"orderflow.messaging.consumer.commit-interval must not be negative");
		context.withPropertyValues("orderflow.messaging.consumer.commit-interval=0")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void theRelaysLeaseIsTenSecondsAndOneThatWouldSwitchTheTimeoutOffIsRefused() {
		context.run(started -> {
			MessagingProperties.Outbox outbox = started.getBean(MessagingProperties.class).outbox();
			assertThat(outbox.lease()).hasSeconds(10);
			assertThat(outbox.sendTimeout()).hasSeconds(30);
		});
		for (String lease : new String[] { "0s", "-1s", "500us", "25d" }) {
			assertRefused("orderflow.messaging.outbox.lease=" + lease,
					"orderflow.messaging.outbox.lease must be at least 1ms");
		}
		context.withPropertyValues("orderflow.messaging.outbox.lease=1ms")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void longerTopicRetentionsNeedALongerHorizon() {
		context.withPropertyValues("orderflow.messaging.topics.retention=20d")
			.run(started -> assertThat(started).hasFailed());
		context
			.withPropertyValues("orderflow.messaging.topics.retention=20d", "orderflow.messaging.pruning.horizon=71d")
			.run(started -> assertThat(started).hasNotFailed());
		context.withPropertyValues("orderflow.messaging.topics.dead-letter-retention=60d")
			.run(started -> assertThat(started).hasFailed());
	}

	@Test
	void anAdminStepOutsideSpringBindsTheSamePropertiesAsAServiceAndTheRestDefaults() {
		MessagingProperties cluster = MessagingProperties
			.of(Map.of("orderflow.messaging.topics.replication-factor", "3"));

		assertThat(cluster.topics().replicationFactor()).isEqualTo((short) 3);
		assertThat(cluster.topics().partitions()).isEqualTo(MessagingProperties.defaults().topics().partitions());
		assertThat(MessagingProperties.defaults().topics().replicationFactor()).isEqualTo((short) 1);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MessagingProperties.class)
	static class Properties {

	}

	/** A service with the setting does not start, and says why. */
	private void assertRefused(String setting, String reason) {
		context.withPropertyValues(setting)
			.run(started -> assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining(reason));
	}

}
