package io.orderflow.notification.notifications.web;

import java.util.List;

import io.orderflow.events.order.OrderEvent;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of notification-service ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). The committed copy is
 * {@code notification-service/openapi.json}; {@code OpenApiDocumentIT} fails when they
 * differ. Every 4xx/5xx response an operation declares is an RFC 9457
 * {@code application/problem+json} problem, and a {@code @Nullable} field is nullable
 * (both from platform-web's {@code OpenApiDocumentAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * The version of the HTTP contract, not of the build: it changes only when the API
	 * does.
	 */
	static final String API_VERSION = "2";

	@Bean
	OpenAPI notificationServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("orderflow notification-service")
				.version(API_VERSION)
				.description("""
						Emails the customer exactly once per order outcome. Its HTTP API is a read side only: \
						emails are driven by events, never by HTTP calls.

						**Consumes** Kafka topic `%s` (OrderConfirmed, OrderRejected, OrderCancelled, OrderExpired: \
						one email each, at most once per order and outcome, sent over SMTP). **Publishes** nothing \
						of its own; the event of an email that cannot be delivered goes to its dead-letter topic. \
						While the mail server is down, emails wait in Kafka and are sent once it is back. A recipient \
						the server refuses for now (greylisting) is tried again later, within a retry budget, without \
						holding up anyone else's email; one it refuses for good, or past the budget, is UNDELIVERABLE. \
						Message contracts: module shared-events.

						Errors are `application/problem+json` (RFC 9457).""".formatted(OrderEvent.TOPIC))
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			// relative: Swagger UI and clients call the host that served the document
			.servers(List.of(new Server().url("/").description("this notification-service")));
	}

}
