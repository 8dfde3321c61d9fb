package io.orderflow.localstack.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One span as a service reported it in Zipkin's JSON v2 model: the fields a test or a
 * person looks at.
 *
 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}, or
 * {@code null} for a local span
 * @param serviceName the reporting service ({@code localEndpoint.serviceName})
 */
public record CollectedSpan(String traceId, String id, String parentId, String name, String kind, String serviceName,
		Map<String, String> tags) {

	static CollectedSpan of(JsonNode span) {
		Map<String, String> tags = new LinkedHashMap<>();
		span.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return new CollectedSpan(text(span, "traceId"), text(span, "id"), text(span, "parentId"), text(span, "name"),
				text(span, "kind"), text(span.path("localEndpoint"), "serviceName"), Map.copyOf(tags));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

}
