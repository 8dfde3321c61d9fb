package io.orderflow.resilience.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request at once with {@code 503} problem+json and {@code Retry-After} when
 * the service already works on as many requests as its {@code http-requests} bulkhead
 * allows.
 *
 * <p>
 * Why: on virtual threads nothing else bounds how many requests a service holds. While
 * its database is down every request waits for a connection for the pool's whole timeout
 * (3 s), clients retry meanwhile, and the waiting requests pile up until the heap is gone
 * (order-service died of an {@link OutOfMemoryError} that way in the fault suite). A
 * request refused here has done nothing, costs almost nothing, and its client retries
 * after {@code Retry-After}: the same answer as for a database that is down (property
 * I8).
 */
public class RequestsInFlightLimit extends OncePerRequestFilter {

	private final Bulkhead bulkhead;

	private final String serviceName;

	/**
	 * @param bulkhead its {@code maxConcurrentCalls} is the limit; a request never waits
	 * for a permit, whatever its {@code maxWaitDuration}
	 * @param serviceName named in the answer
	 */
	public RequestsInFlightLimit(Bulkhead bulkhead, String serviceName) {
		this.bulkhead = bulkhead;
		this.serviceName = serviceName;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!bulkhead.tryAcquirePermission()) {
			refuse(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			bulkhead.onComplete();
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String detail = "%s is already working on %d requests, its limit; this one was refused before it began: "
			.formatted(serviceName, bulkhead.getBulkheadConfig().getMaxConcurrentCalls())
				+ "nothing was stored. Retry with the same Idempotency-Key, if the request had one, "
				+ "after the Retry-After delay.";
		// bytes, not a writer: a writer would append the container's default charset to
		// the content type
		response.getOutputStream()
			.write("""
					{"type":"about:blank","title":"Temporarily unavailable","status":503,"detail":"%s"}"""
				.formatted(detail)
				.getBytes(StandardCharsets.UTF_8));
	}

}
