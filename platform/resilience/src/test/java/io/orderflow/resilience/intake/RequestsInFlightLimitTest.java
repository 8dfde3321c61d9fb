package io.orderflow.resilience.intake;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit test of the filter alone, with Spring's servlet test doubles: the limit, the
 * answer beyond it, and permits given back whatever the request did.
 */
class RequestsInFlightLimitTest {

	private final Bulkhead bulkhead = Bulkhead.of("http-requests",
			BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());

	private final RequestsInFlightLimit limit = new RequestsInFlightLimit(bulkhead, "order-service");

	@Test
	void aRequestBeyondTheLimitIsRefusedAtOnceWithA503ProblemAndRetryAfter() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			try {
				limit.doFilter(new MockHttpServletRequest("POST", "/api/orders"), response, (req, res) -> {
					inside.countDown();
					await(release);
					((HttpServletResponse) res).setStatus(202);
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return response;
		});
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

		MockHttpServletResponse refused = new MockHttpServletResponse();
		FilterChain mustNotRun = (req, res) -> {
			throw new AssertionError("the refused request reached the chain");
		};
		limit.doFilter(new MockHttpServletRequest("POST", "/api/orders"), refused, mustNotRun);
		release.countDown();

		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(refused.getContentAsString()).contains("\"status\":503")
			.contains("order-service is already working on 1 requests")
			.contains("nothing was stored")
			.contains("Retry with the same Idempotency-Key");
		assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
	}

	@Test
	void aRequestThatFailsGivesItsPermitBack() throws Exception {
		FilterChain failing = (req, res) -> {
			throw new IllegalStateException("the handler failed");
		};
		assertThatThrownBy(() -> limit.doFilter(new MockHttpServletRequest("GET", "/api/orders"),
				new MockHttpServletResponse(), failing))
			.hasMessage("the handler failed");

		MockHttpServletResponse next = new MockHttpServletResponse();
		limit.doFilter(new MockHttpServletRequest("GET", "/api/orders"), next,
				(req, res) -> ((HttpServletResponse) res).setStatus(200));
		assertThat(next.getStatus()).isEqualTo(200);
		assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
