package io.orderflow.testsupport.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses the API's answers for the checks in this package. */
final class ApiJson {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ApiJson() {
	}

	static JsonNode read(String body) {
		return json.readTree(body);
	}

}
