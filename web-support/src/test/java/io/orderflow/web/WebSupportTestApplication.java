package io.orderflow.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The smallest Spring MVC application on Tomcat, with web-support auto-configured as in a service. */
@SpringBootApplication
public class WebSupportTestApplication {

	@RestController
	static class Things {

		@GetMapping("/things/{id}")
		String thing(@PathVariable String id) {
			if (!id.equals("42")) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No thing " + id + ".");
			}
			return "the answer";
		}

	}

}
