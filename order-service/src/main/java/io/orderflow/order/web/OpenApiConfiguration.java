package io.orderflow.order.web;

import java.util.List;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.web.openapi.ProblemDetailSchema;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of order-service ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). The committed copy is {@code order-service/openapi.json};
 * {@code OpenApiDocumentIT} fails when they differ.
 *
 * <p>
 * Every 4xx and 5xx response an operation declares is an RFC 9457
 * {@code application/problem+json} {@code ProblemDetail}: controllers only name the
 * status and when it happens; a {@code @Nullable} field is nullable (both from
 * platform-web's {@code OpenApiDocumentAutoConfiguration}). Problems here carry
 * {@code errors} too.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * The version of the HTTP contract, not of the build: it changes only when the API
	 * does.
	 */
	static final String API_VERSION = "2";

	@Bean
	OpenAPI orderServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("orderflow order-service")
				.version(API_VERSION)
				.description("""
						Accepts orders and owns their state machine (PENDING → CONFIRMED / REJECTED / \
						CANCELLATION_REQUESTED → CANCELLED / EXPIRED).

						**Asynchronous by design.** `POST /api/orders` answers `202 Accepted` as soon as the order \
						and its `OrderPlaced` event are committed in one database transaction; the client never waits \
						for payment. Poll the order (its `Location`) for the outcome.

						**Publishes** the order lifecycle on Kafka topic `%s` (OrderPlaced, OrderConfirmed, \
						OrderRejected, OrderCancellationRequested, OrderCancelled, OrderExpired) through a \
						transactional outbox. **Consumes** `%s` (PaymentAuthorized, PaymentDeclined, PaymentRefunded, \
						PaymentVoided) from payment-service. Message contracts: module shared-events.

						Every error is `application/problem+json` (RFC 9457) with a `detail` that says what is wrong."""
					.formatted(OrderEvent.TOPIC, PaymentEvent.TOPIC))
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			// relative: Swagger UI and clients call the host that served the document
			.servers(List.of(new Server().url("/").description("this order-service")))
			// said, not left out: no operation asks for credentials
			.security(List.of())
			.components(new Components().addSchemas(ProblemDetailSchema.NAME, problemSchema()));
	}

	/**
	 * Names nested records after their enclosing type ({@code OrderView.Line} is
	 * {@code OrderViewLine}), so the request's and the response's {@code Line} never
	 * share one schema, nor a {@code Page} any other page.
	 */
	@Bean
	ModelConverter nestedTypeNames() {
		return (type, context, chain) -> {
			Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
			if (type.getName() == null && raw.isMemberClass() && raw.getPackageName().startsWith("io.orderflow.")) {
				type.name(raw.getEnclosingClass().getSimpleName() + raw.getSimpleName());
			}
			return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		};
	}

	/**
	 * RFC 9457 problem details, plus the per-field {@code errors} this service adds to
	 * validation problems.
	 */
	static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema().example("lines[0].quantity"))
			.addProperty("message", new StringSchema().example("must be greater than or equal to 1"));
		Schema<?> problem = ProblemDetailSchema.create()
			.addProperty("errors", new ArraySchema().items(fieldError)
				.description("validation problems only: one entry per invalid field or parameter"));
		problem.getProperties().get("title").example("Invalid request");
		problem.getProperties()
			.get("detail")
			.example("Invalid request: lines[0].quantity must be greater than or equal to 1");
		return problem;
	}

}
