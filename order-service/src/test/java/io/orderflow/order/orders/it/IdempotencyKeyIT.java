package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.orderflow.events.order.OrderPlaced;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import org.junit.jupiter.api.Test;

/**
 * Integration: the Idempotency-Key header makes a retried POST /api/orders answer the
 * same order.
 */
class IdempotencyKeyIT extends OrderServiceIntegrationTestBase {

	private static final String KEY = "Idempotency-Key";

	@Test
	void sameKeyAndSameBodyTwiceAnswersTheSameOrderAndPlacesItOnce() {
		TestCustomer customer = newCustomer("idem");
		String key = UUID.randomUUID().toString();

		HttpResponse<String> first = postJson(customer, ORDERS, BRIEF_BODY, KEY, key);
		HttpResponse<String> second = postJson(customer, ORDERS, BRIEF_BODY, KEY, key);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
		UUID id = UUID.fromString(json(first).get("id").asString());
		assertThat(json(second).get("id").asString()).isEqualTo(id.toString());
		assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(countOrdersOf(customer)).isEqualTo(1);
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderPlaced.class)).hasSize(1);
	}

	@Test
	void sameKeyWithTheSameOrderWrittenDifferentlyIsRecognisedAsARetry() {
		TestCustomer customer = newCustomer("idem-format");
		String key = UUID.randomUUID().toString();
		String reformatted = """
				{ "lines": [ { "unitPrice": 12.5, "quantity": 2, "sku": "BOOK-1" } ],
				  "paymentMethod": "pm_card_visa", "currency": "EUR" }""";

		HttpResponse<String> first = postJson(customer, ORDERS, BRIEF_BODY, KEY, key);
		HttpResponse<String> second = postJson(customer, ORDERS, reformatted, KEY, key);

		assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
		assertThat(json(second).get("id")).isEqualTo(json(first).get("id"));
		assertThat(countOrdersOf(customer)).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherBodyIsA422ProblemAndStoresNothing() {
		TestCustomer customer = newCustomer("idem-other");
		String key = UUID.randomUUID().toString();
		postJson(customer, ORDERS, BRIEF_BODY, KEY, key);

		HttpResponse<String> reused = postJson(customer, ORDERS, BRIEF_BODY.replace("\"quantity\":2", "\"quantity\":3"),
				KEY, key);

		assertProblem(reused, 422);
		assertThat(json(reused).get("detail").asString()).contains(key).contains("different request");
		assertThat(countOrdersOf(customer)).isEqualTo(1);
	}

	@Test
	void twoCustomersUsingTheSameKeyGetAnOrderEach() {
		TestCustomer ada = newCustomer("idem-ada");
		TestCustomer bob = newCustomer("idem-bob");
		String key = "cart-1";

		HttpResponse<String> adas = postJson(ada, ORDERS, BRIEF_BODY, KEY, key);
		HttpResponse<String> bobs = postJson(bob, ORDERS, BRIEF_BODY, KEY, key);
		HttpResponse<String> adasRetry = postJson(ada, ORDERS, BRIEF_BODY, KEY, key);

		assertThat(adas.statusCode()).as(adas.body()).isEqualTo(202);
		assertThat(bobs.statusCode()).as(bobs.body()).isEqualTo(202);
		assertThat(bobs.headers().firstValue("Idempotent-Replayed")).hasValue("false");
		assertThat(json(bobs).get("id")).isNotEqualTo(json(adas).get("id"));
		assertThat(json(bobs).get("customerId").asString()).isEqualTo(bob.id());
		assertThat(json(adasRetry).get("id")).as("still a retry for the first customer")
			.isEqualTo(json(adas).get("id"));
		assertThat(countOrdersOf(ada)).isEqualTo(1);
		assertThat(countOrdersOf(bob)).isEqualTo(1);
	}

	@Test
	void differentKeysPlaceDifferentOrders() {
		TestCustomer customer = newCustomer("idem-keys");

		HttpResponse<String> first = postJson(customer, ORDERS, BRIEF_BODY, KEY, UUID.randomUUID().toString());
		HttpResponse<String> second = postJson(customer, ORDERS, BRIEF_BODY, KEY, UUID.randomUUID().toString());

		assertThat(json(first).get("id")).isNotEqualTo(json(second).get("id"));
		assertThat(countOrdersOf(customer)).isEqualTo(2);
	}

	@Test
	void concurrentRequestsWithTheSameKeyPlaceOneOrder() {
		TestCustomer customer = newCustomer("idem-race");
		String key = UUID.randomUUID().toString();
		HttpRequest request = HttpRequest.newBuilder(uri(ORDERS))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + customer.token())
			.header("Content-Type", "application/json")
			.header(KEY, key)
			.POST(BodyPublishers.ofString(BRIEF_BODY, StandardCharsets.UTF_8))
			.build();

		List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, 8)
			.mapToObj(i -> HTTP.sendAsync(request, BodyHandlers.ofString()))
			.toList();
		List<HttpResponse<String>> responses = inFlight.stream().map(CompletableFuture::join).toList();

		assertThat(responses)
			.allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(202));
		List<String> ids = responses.stream().map(response -> json(response).get("id").asString()).distinct().toList();
		assertThat(ids).hasSize(1);
		assertThat(responses)
			.filteredOn(response -> response.headers().firstValue("Idempotent-Replayed").orElseThrow().equals("false"))
			.hasSize(1);
		assertThat(countOrdersOf(customer)).isEqualTo(1);
		UUID id = UUID.fromString(ids.getFirst());
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderPlaced.class)).hasSize(1);
	}

	@Test
	void keyWithSpacesOrTooLongIsA400ProblemAndStoresNothing() {
		TestCustomer customer = newCustomer("idem-bad");

		HttpResponse<String> spaces = postJson(customer, ORDERS, BRIEF_BODY, KEY, "my key");
		HttpResponse<String> tooLong = postJson(customer, ORDERS, BRIEF_BODY, KEY, "k".repeat(256));

		assertProblem(spaces, 400);
		assertThat(json(spaces).get("detail").asString()).contains("idempotencyKey");
		assertProblem(tooLong, 400);
		assertThat(json(tooLong).get("detail").asString()).contains("idempotencyKey");
		assertThat(countOrdersOf(customer)).isZero();
	}

}
