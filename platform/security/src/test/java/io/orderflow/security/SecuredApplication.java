package io.orderflow.security;

import io.orderflow.security.customer.Customer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service as small as can be, with the three kinds of resources a service has. */
@SpringBootApplication
class SecuredApplication {

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

}
