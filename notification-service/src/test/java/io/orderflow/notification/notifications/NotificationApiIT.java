package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read API answers what was sent, and bad queries with RFC 9457 problems rather than errors. */
class NotificationApiIT extends NotificationServiceIntegrationTestBase {

	@Test
	void notificationsOfAnOrderNeverSeenAreAnEmptyArray() {
		HttpResponse<String> response = get("/api/notifications?orderId=" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).isArray()).isTrue();
		assertThat(json.readTree(response.body())).isEmpty();
	}

	@Test
	void queryWithoutOrderIdIsABadRequestProblem() {
		HttpResponse<String> response = get("/api/notifications");

		assertProblem(response, "orderId");
	}

	@Test
	void queryWithAnOrderIdThatIsNoUuidIsABadRequestProblem() {
		HttpResponse<String> response = get("/api/notifications?orderId=not-a-uuid");

		assertProblem(response, "not-a-uuid");
	}

	private static void assertProblem(HttpResponse<String> response, String detailMentions) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains(detailMentions);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("trace");
	}

}
