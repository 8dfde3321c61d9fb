package io.orderflow.deadletter.admin;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.deadletter.DeadLetterResolutions;
import io.orderflow.messaging.deadletter.DeadLetterStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of dead letters of a megabyte each, on a real broker: a page of the listing
 * holds kilobytes per dead letter, not the megabytes of their payloads, and the pages
 * walk every unresolved one exactly once, newest first.
 */
class DeadLetterBulkIT {

	private static final String GROUP = "messaging-it-bulk";

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, GROUP);

	private static final int COUNT = 2_000;

	private static final int MEGABYTE = 1024 * 1024;

	private static final int PAGE = 500;

	private static final int PREVIEW = 4 * 1024;

	/**
	 * Offsets an operator already discarded: not listed, and skipped without shortening a
	 * page.
	 */
	private static final long RESOLVED_FROM = 1_500;

	private static final long RESOLVED_UNTIL = 1_600;

	private static JdbcClient jdbc;

	private final DeadLetterStore store = new DeadLetterStore(
			Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()),
			ConsumedEvents.of(PaymentEvent.CATALOG), GROUP, 2);

	private final DeadLetterResolutions resolutions = new DeadLetterResolutions(jdbc);

	private final DeadLetterListing listing = new DeadLetterListing(store, resolutions);

	@BeforeAll
	static void thousandsOfMegabyteDeadLetters() throws Exception {
		jdbc = JdbcClient.create(Infrastructure.messagingDatabase("messaging_bulk_it"));
		try (Admin admin = admin()) {
			admin
				.createTopics(List.of(new NewTopic(DLT, 1, (short) 1)
					.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(2 * MEGABYTE)))))
				.all()
				.get();
		}
		byte[] payload = new byte[MEGABYTE];
		Arrays.fill(payload, (byte) 'x');
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * MEGABYTE),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (int i = 0; i < COUNT; i++) {
				var record = new ProducerRecord<>(DLT, null, "bulk-" + i, payload);
				record.headers()
					.add(ConsumerFailures.REASON_HEADER, "a megabyte of poison".getBytes(StandardCharsets.UTF_8));
				sent.add(producer.send(record));
			}
			for (Future<RecordMetadata> each : sent) {
				each.get();
			}
		}
		var resolutions = new DeadLetterResolutions(jdbc);
		for (long offset = RESOLVED_FROM; offset < RESOLVED_UNTIL; offset++) {
			resolutions.record(DLT, 0, offset, DeadLetterResolutions.Kind.DISCARDED, false);
		}
	}

	@AfterAll
	static void freeTheDisk() throws Exception {
		try (Admin admin = admin()) {
			admin.deleteTopics(List.of(DLT)).all().get();
		}
	}

	@Test
	void aPageOfMegabyteDeadLettersHoldsKilobytesEach() {
		long before = heapAfterGc();

		DeadLetterListing.Page page = listing.page(null, PAGE, false, PREVIEW);

		long retained = heapAfterGc() - before;
		assertThat(page.entries()).hasSize(PAGE);
		assertThat(page.entries()).allSatisfy(entry -> {
			assertThat(entry.deadLetter().payload().size()).isEqualTo(MEGABYTE);
			assertThat(entry.deadLetter().payload().truncated()).isTrue();
			assertThat(entry.deadLetter().payload().content()).hasSize(PREVIEW);
		});
		// the payloads alone would be 500 MB; the summaries with their 4 KiB previews are
		// about 3 MB
		assertThat(retained).as("bytes a page of %d dead letters keeps", PAGE).isLessThan(64L * MEGABYTE);
		Reference.reachabilityFence(page);
	}

	@Test
	void thePagesWalkEveryUnresolvedDeadLetterOnceNewestFirst() {
		List<Long> walked = new ArrayList<>();
		DeadLetterCursor cursor = null;
		int pages = 0;
		do {
			DeadLetterListing.Page page = listing.page(cursor, PAGE, false, PREVIEW);
			assertThat(page.entries()).hasSizeLessThanOrEqualTo(PAGE);
			page.entries().forEach(entry -> walked.add(entry.deadLetter().offset()));
			cursor = page.next();
			pages++;
		}
		while (cursor != null);

		List<Long> unresolved = LongStream.iterate(COUNT - 1, offset -> offset >= 0, offset -> offset - 1)
			.filter(offset -> offset < RESOLVED_FROM || offset >= RESOLVED_UNTIL)
			.boxed()
			.toList();
		assertThat(walked).containsExactlyElementsOf(unresolved);
		assertThat(pages).isEqualTo(4);
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()));
	}

}
