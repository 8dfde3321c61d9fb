package io.orderflow.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.orderflow.security.customer.Customer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A service as small as can be, with the three kinds of resources a service has. */
@SpringBootApplication
class SecuredApplication {

	@Bean
	ObservedNames observedNames() {
		return new ObservedNames();
	}

	/** The names of the observations the service started. */
	static final class ObservedNames implements ObservationHandler<Observation.Context> {

		final Set<String> names = ConcurrentHashMap.newKeySet();

		@Override
		public void onStart(Observation.Context context) {
			names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/me")
		Customer me(Customer customer) {
			return customer;
		}

		@PostMapping("/api/me")
		Customer placeSomething(Customer customer) {
			return customer;
		}

		@PostMapping("/admin/ping")
		String ping() {
			return "pong";
		}

	}

	/**
	 * A service's catch-all, as order-service has one: it must not turn a 403 into a 500.
	 */
	@RestControllerAdvice
	static class CatchAll {

		@ExceptionHandler
		ResponseEntity<String> onUnexpected(Exception ex) {
			return ResponseEntity.internalServerError().body("unexpected");
		}

	}

}
