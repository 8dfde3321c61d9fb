package io.orderflow.testsupport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every service's {@code GET /api/<collection>?orderId=} read API promises: an order
 * it never saw is an empty JSON array, and a missing or non-UUID {@code orderId} is a 400
 * RFC 9457 problem rather than an error.
 *
 * <p>
 * A service's API test implements this next to its integration test base class, which
 * supplies {@link #get}; the {@code @Test} default methods run as that class's own tests.
 * The empty-array check is a helper rather than a test, so that each service keeps a test
 * named after its own resource.
 */
public interface ReadByOrderIdApiContract {

	/**
	 * {@code GET} on the running service, e.g. {@code get("/api/payments?orderId=...")}.
	 */
	HttpResponse<String> get(String pathAndQuery);

	/** The read API's path without query, e.g. {@code /api/payments}. */
	String collectionPath();

	default void assertAnOrderNeverSeenIsAnEmptyArray() {
		HttpResponse<String> response = get(collectionPath() + "?orderId=" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(ApiJson.read(response.body()).isArray()).isTrue();
		assertThat(ApiJson.read(response.body())).isEmpty();
	}

	@Test
	default void queryWithoutOrderIdIsABadRequestProblem() {
		HttpResponse<String> response = get(collectionPath());

		assertBadRequestProblem(response, "orderId");
	}

	@Test
	default void queryWithAnOrderIdThatIsNoUuidIsABadRequestProblem() {
		HttpResponse<String> response = get(collectionPath() + "?orderId=not-a-uuid");

		assertBadRequestProblem(response, "not-a-uuid");
	}

	private static void assertBadRequestProblem(HttpResponse<String> response, String detailMentions) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = ApiJson.read(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains(detailMentions);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("trace");
	}

}
