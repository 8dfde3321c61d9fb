package io.orderflow.web.openapi;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The RFC 9457 problem document every error of a service is (property I8,
 * docs/architecture.md), as an OpenAPI schema: the component {@value #NAME}, and the
 * {@code application/problem+json} content of every 4xx and 5xx response an operation
 * declares. A service whose problems carry more members starts from {@link #create()} and
 * adds them in its own {@code OpenAPI} bean; otherwise the auto-configuration adds this
 * one.
 */
public final class ProblemDetailSchema {

	/** The name of the component schema. */
	public static final String NAME = "ProblemDetail";

	static final String MEDIA_TYPE = "application/problem+json";

	private ProblemDetailSchema() {
	}

	/**
	 * The members Spring's {@code ProblemDetail} writes; {@code type} and
	 * {@code instance} are URI references.
	 */
	public static Schema<?> create() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type",
					new StringSchema().format("uri-reference")
						.example("about:blank")
						.description("absent means about:blank"))
			.addProperty("title", new StringSchema().example("Bad Request"))
			.addProperty("status",
					new IntegerSchema().format("int32")
						.minimum(BigDecimal.valueOf(400))
						.maximum(BigDecimal.valueOf(599))
						.example(400))
			.addProperty("detail", new StringSchema().example("Failed to convert 'id' with value: 'abc'"))
			.addProperty("instance",
					new StringSchema().format("uri-reference").description("the path of the request that failed"))
			.required(List.of("detail", "status", "title"));
	}

	/** The body of an error response: a problem document. */
	static Content content() {
		return new Content().addMediaType(MEDIA_TYPE,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + NAME)));
	}

}
