package io.orderflow.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The smallest Spring MVC application on Tomcat, with platform/web auto-configured as in
 * a service.
 */
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

		/** Fails the way a service fails while its database is down. */
		@GetMapping("/database-down/{how}")
		String databaseDown(@PathVariable String how) {
			throw switch (how) {
				case "no-connection" -> new CannotCreateTransactionException("Could not open JDBC Connection",
						new SQLTransientConnectionException(
								"Connection is not available, request timed out after 3000ms"));
				case "connection-lost" -> new DataAccessResourceFailureException("An I/O error occurred",
						new SQLException("Connection reset", "08006"));
				case "rollback-failed" -> new TransactionSystemException("JDBC rollback failed",
						new SQLException("Connection is closed", "08003"));
				default -> new IllegalStateException("a bug, not an outage");
			};
		}

	}

}
