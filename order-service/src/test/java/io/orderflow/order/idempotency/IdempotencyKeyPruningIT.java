package io.orderflow.order.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration: {@code Idempotency-Key}s are forgotten after the retention horizon (7 days
 * by default), in bounded batches, by any number of instances at once; a key inside the
 * horizon is kept, and once forgotten the same key places a new order, as a request after
 * the horizon is a new request.
 */
class IdempotencyKeyPruningIT extends OrderServiceIntegrationTestBase {

	private static final String KEY = "Idempotency-Key";

	private static final Duration RETENTION = Duration.ofDays(7);

	@Autowired
	private IdempotencyKeyPruning pruning;

	@Autowired
	private IdempotencyProperties properties;

	@Test
	void theDefaultHorizonIsSevenDays() {
		assertThat(properties.retention()).isEqualTo(RETENTION);
		assertThat(properties.pruneBatchSize()).isEqualTo(1000);
	}

	@Test
	void aKeyPastTheHorizonIsForgottenAndOneInsideItIsKept() {
		TestCustomer customer = newCustomer("prune");
		String oldKey = "old-" + UUID.randomUUID();
		String recentKey = "recent-" + UUID.randomUUID();
		UUID oldOrder = placeWithKey(customer, oldKey);
		UUID recentOrder = placeWithKey(customer, recentKey);
		age(customer, oldKey, RETENTION.plusMinutes(1));
		age(customer, recentKey, RETENTION.minusMinutes(1));

		pruning.pruneExpiredKeys();

		assertThat(keyExists(customer, oldKey)).as("past the horizon").isFalse();
		assertThat(keyExists(customer, recentKey)).as("inside the horizon").isTrue();
		assertThat(placeWithKey(customer, recentKey)).as("still a retry").isEqualTo(recentOrder);
		assertThat(placeWithKey(customer, oldKey)).as("a new request after the horizon").isNotEqualTo(oldOrder);
		assertThat(order(oldOrder).get("id").asString()).as("the order it placed stays").isEqualTo(oldOrder.toString());
	}

	@Test
	void severalInstancesPruneInBoundedBatchesTogetherAndEveryOldKeyGoes() {
		TestCustomer customer = newCustomer("prune-many");
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String key = "many-" + i + "-" + UUID.randomUUID();
			placeWithKey(customer, key);
			age(customer, key, RETENTION.plusDays(1));
			keys.add(key);
		}

		List<CompletableFuture<Integer>> instances = List.of(
				CompletableFuture.supplyAsync(() -> pruning.prune(RETENTION, 4)),
				CompletableFuture.supplyAsync(() -> pruning.prune(RETENTION, 4)),
				CompletableFuture.supplyAsync(() -> pruning.prune(RETENTION, 4)));
		int deleted = instances.stream().mapToInt(CompletableFuture::join).sum();

		assertThat(keys).noneMatch(key -> keyExists(customer, key));
		assertThat(deleted).as("each key deleted once, by one instance").isGreaterThanOrEqualTo(keys.size());
		assertThat(pruning.prune(RETENTION, 4)).as("nothing left").isZero();
	}

	private UUID placeWithKey(TestCustomer customer, String key) {
		return accepted(customer, postJson(customer, ORDERS, BRIEF_BODY, KEY, key));
	}

	private void age(TestCustomer customer, String key, Duration age) {
		assertThat(jdbc.sql("""
				update idempotency_key set created_at = now() - make_interval(secs => ?)
				where customer_id = ? and idempotency_key = ?""").params(age.toSeconds(), customer.id(), key).update())
			.isEqualTo(1);
	}

	private boolean keyExists(TestCustomer customer, String key) {
		return jdbc.sql("select count(*) from idempotency_key where customer_id = ? and idempotency_key = ?")
			.params(customer.id(), key)
			.query(Long.class)
			.single() == 1;
	}

}
