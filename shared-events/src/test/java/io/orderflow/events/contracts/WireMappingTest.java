package io.orderflow.events.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/**
 * Unit: the fixtures are read as the services read events: an optional ({@code @Nullable}) field may be missing or
 * null, a required one may not, so that a fixture written before an optional field was added stays valid.
 */
class WireMappingTest {

	record Probe(String required, @Nullable String optional, List<String> lines, int count) {
	}

	@Test
	void anOptionalFieldMayBeMissingOrNull() {
		assertThat(read("{\"required\":\"r\",\"lines\":[\"a\"],\"count\":1}"))
			.isEqualTo(new Probe("r", null, List.of("a"), 1));
		assertThat(read("{\"required\":\"r\",\"optional\":null,\"lines\":[],\"count\":1}"))
			.isEqualTo(new Probe("r", null, List.of(), 1));
	}

	@Test
	void aRequiredFieldMayNotBeMissingOrNull() {
		assertThatThrownBy(() -> read("{\"lines\":[],\"count\":1}")).isInstanceOf(JacksonException.class)
			.hasMessageContaining("required");
		assertThatThrownBy(() -> read("{\"required\":null,\"lines\":[],\"count\":1}")).isInstanceOf(JacksonException.class)
			.hasMessageContaining("required");
		assertThatThrownBy(() -> read("{\"required\":\"r\",\"lines\":[null],\"count\":1}"))
			.isInstanceOf(JacksonException.class);
		assertThatThrownBy(() -> read("{\"required\":\"r\",\"lines\":[]}")).isInstanceOf(JacksonException.class)
			.hasMessageContaining("count");
	}

	private static Probe read(String json) {
		return WireMapping.WIRE.readValue(json, Probe.class);
	}

}
