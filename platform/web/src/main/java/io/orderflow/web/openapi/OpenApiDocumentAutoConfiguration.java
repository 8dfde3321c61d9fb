package io.orderflow.web.openapi;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What the OpenAPI document of every service says the same way, where the service
 * publishes one (springdoc on the classpath): a {@code @Nullable} record component is a
 * nullable property, and every declared 4xx and 5xx response is an RFC 9457 problem
 * document, so controllers only name the status and when it happens.
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocConfiguration.class)
public class OpenApiDocumentAutoConfiguration {

	@Bean
	ModelConverter nullableRecordComponents() {
		return new NullableRecordComponents();
	}

	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handlerMethod) -> {
			if (operation.getResponses() != null) {
				operation.getResponses().forEach((code, response) -> {
					if (code.startsWith("4") || code.startsWith("5")) {
						response.setContent(ProblemDetailSchema.content());
					}
				});
			}
			return operation;
		};
	}

	/** The problem schema the responses refer to, unless the service declared its own. */
	@Bean
	OpenApiCustomizer problemDetailSchema() {
		return openApi -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			Components components = openApi.getComponents();
			if (components.getSchemas() == null || !components.getSchemas().containsKey(ProblemDetailSchema.NAME)) {
				components.addSchemas(ProblemDetailSchema.NAME, ProblemDetailSchema.create());
			}
		};
	}

}
