package io.orderflow.security.openapi;

import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What a service's OpenAPI document says about security, where it publishes one: every
 * operation needs a bearer JWT, and may answer {@code 401} (no valid token) and
 * {@code 403} (a token without the scope); the {@link Customer} parameter of a controller
 * is the caller, not something a client sends.
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocConfiguration.class)
public class OpenApiSecurityAutoConfiguration {

	/** The name of the scheme in the document's components. */
	static final String BEARER = "bearer";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Customer.class);
	}

	@Bean
	OpenApiCustomizer bearerSecurityScheme() {
		return openApi -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An access token of orderflow's identity provider for this service: a customer's "
							+ "(scope orderflow.orders) for /api, the operator's (orderflow.ops) for /admin"));
			openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
		};
	}

	/**
	 * Before the platform's problem responses are filled in, so that these two are
	 * problem documents like every other error.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	OperationCustomizer securityResponses() {
		return (operation, handlerMethod) -> {
			operation.getResponses()
				.putIfAbsent("401", new ApiResponse()
					.description("No bearer token, or one that is malformed, expired or not for this service"));
			operation.getResponses()
				.putIfAbsent("403", new ApiResponse().description("The token does not grant the scope this needs"));
			return operation;
		};
	}

}
