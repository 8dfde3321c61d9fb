package io.orderflow.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TestEffects;
import io.orderflow.messaging.deadletter.DeadLetteringFailureMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-letter topic that refuses records, on a real broker: the poison record waits on
 * its partition (and the records after it wait behind it), the consumer tries to
 * dead-letter it again after growing pauses, not in a loop, and says so at ERROR and in
 * {@code orderflow.dead.letter.failures}; once the topic takes records again the poison
 * is dead-lettered and the partition flows on, in order.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetteringFailureIT extends MessagingIntegrationTest {

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, "messaging-it");

	/**
	 * Longer than the growing pauses take to reach their cap (50 ms doubling to 1 s, test
	 * configuration).
	 */
	private static final Duration REFUSING = Duration.ofSeconds(6);

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessagingProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRecordTheDeadLetterTopicRefusesWaitsWithGrowingPausesAndIsDeadLetteredOnceItTakesRecordsAgain(
			CapturedOutput output) throws Exception {
		UUID orderId = UUID.randomUUID();
		PaymentAuthorized after = authorized(orderId);
		double failuresBefore = failures();

		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()))) {
			try {
				setMaxMessageBytes(admin, 100); // smaller than any dead letter's headers
				ProducerRecord<String, byte[]> wellFormed = record(authorized(orderId));
				send(new ProducerRecord<>(PaymentEvent.TOPIC, null, wellFormed.key(),
						"not json at all".getBytes(StandardCharsets.UTF_8), wellFormed.headers()));
				send(record(after));

				await().atMost(Duration.ofSeconds(20)).until(() -> failures() > failuresBefore);
				double refusedFrom = failures();
				long start = System.nanoTime();
				// neither dead-lettered nor skipped: the record behind the poison waits
				// the whole time
				await().during(REFUSING)
					.atMost(REFUSING.plusSeconds(5))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> Infrastructure.firstWithKey(DLT, orderId.toString()) == null
							&& !TestEffects.processed(jdbc, after));
				double attempts = failures() - refusedFrom;
				double seconds = (System.nanoTime() - start) / 1e9;

				// pauses of 100, 200, 400, 800 ms, then 1 s each: about 9 attempts in 6
				// s; a hot loop makes thousands
				assertThat(attempts).as("dead-lettering attempts in %.1f s", seconds)
					.isGreaterThanOrEqualTo(3)
					.isLessThanOrEqualTo(seconds + 5);
				assertThat(output.getOut() + output.getErr()).contains("Could not dead-letter", DLT);
			}
			finally {
				setMaxMessageBytes(admin, properties.topics().deadLetterMaxMessageBytes());
			}
		}

		ConsumerRecord<String, byte[]> deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> Infrastructure.firstWithKey(DLT, orderId.toString()), found -> found != null);
		assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
		await().atMost(Duration.ofSeconds(20)).until(() -> TestEffects.processed(jdbc, after));
		double healed = failures();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> failures() == healed);
	}

	private double failures() {
		return meters.get(DeadLetteringFailureMetrics.NAME).tag("topic", DLT).counter().count();
	}

	private static void setMaxMessageBytes(Admin admin, int bytes) throws Exception {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, DLT);
		admin.incrementalAlterConfigs(Map.of(topic,
				List.of(new AlterConfigOp(
						new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
						AlterConfigOp.OpType.SET))))
			.all()
			.get();
	}

}
