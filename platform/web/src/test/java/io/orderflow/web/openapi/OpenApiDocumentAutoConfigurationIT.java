package io.orderflow.web.openapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import io.orderflow.web.WebSupportTestApplication;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real Tomcat with springdoc, as in a service: the published OpenAPI 3.1 document
 * declares the {@code @Nullable} record components nullable and no other, and every
 * declared error response is a problem document whose schema is there.
 */
@SpringBootTest(classes = { WebSupportTestApplication.class, OpenApiDocumentAutoConfigurationIT.Gadgets.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "springdoc.api-docs.version=openapi_3_1")
class OpenApiDocumentAutoConfigurationIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	private JsonNode schemas;

	private JsonNode document;

	@BeforeEach
	void fetchDocument() throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		document = JsonMapper.shared().readTree(response.body());
		schemas = document.at("/components/schemas");
	}

	@Test
	void nullableComponentsAreNullableProperties() {
		JsonNode gadget = schemas.at("/Gadget/properties");

		assertThat(types(gadget.get("label"))).containsExactly("string", "null");
		assertThat(types(gadget.get("seenAt"))).containsExactly("string", "null");
		assertThat(gadget.at("/seenAt/format").asString()).isEqualTo("date-time");
		assertThat(types(gadget.get("colour"))).containsExactly("string", "null");
		assertThat(gadget.at("/colour/enum").values()).extracting(JsonNode::isNull).containsExactly(false, false, true);
		assertThat(gadget.at("/part/anyOf/0/$ref").asString()).isEqualTo("#/components/schemas/Part");
		assertThat(types(gadget.at("/part/anyOf/1"))).containsExactly("null");
	}

	@Test
	void otherComponentsStayNonNullable() {
		JsonNode gadget = schemas.at("/Gadget/properties");

		assertThat(types(gadget.get("name"))).containsExactly("string");
		assertThat(types(gadget.get("madeAt"))).containsExactly("string");
		assertThat(gadget.at("/parts/items/$ref").asString()).isEqualTo("#/components/schemas/Part");
		assertThat(types(schemas.at("/Part/properties/serial"))).containsExactly("string");
		assertThat(types(schemas.get("Part"))).as("the referenced schema itself").containsExactly("object");
	}

	@Test
	void errorResponsesAreProblemDocuments() {
		JsonNode notFound = document.at("/paths/~1gadget/get/responses/404/content");

		assertThat(notFound.propertyNames()).containsExactly("application/problem+json");
		assertThat(notFound.at("/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ProblemDetail");
		assertThat(schemas.at("/ProblemDetail/required").values()).extracting(JsonNode::asString)
			.containsExactly("detail", "status", "title");
		assertThat(document.at("/paths/~1gadget/get/responses/200/content").propertyNames())
			.doesNotContain("application/problem+json");
	}

	private static List<String> types(JsonNode schema) {
		JsonNode type = schema.get("type");
		return type.isArray() ? type.values().stream().map(JsonNode::asString).toList() : List.of(type.asString());
	}

	enum Colour {

		RED, GREEN

	}

	record Part(String serial) {
	}

	record Gadget(String name, @Nullable String label, Instant madeAt, @Nullable Instant seenAt,
			@Nullable Colour colour, @Nullable Part part, List<Part> parts) {
	}

	/** Registered by the test: component scanning passes over classes nested in tests. */
	@RestController
	static class Gadgets {

		@GetMapping("/gadget")
		@ApiResponse(responseCode = "200", description = "The gadget")
		@ApiResponse(responseCode = "404", description = "No gadget")
		Gadget gadget() {
			return new Gadget("g", null, Instant.EPOCH, null, null, null, List.of());
		}

	}

}
