package io.orderflow.messaging.tracing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	@Test
	void aSampledContextRoundTrips() {
		String value = Traceparent.of(TRACE_ID, SPAN_ID, true).format();

		assertThat(value).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
		assertThat(Traceparent.parse(value)).contains(new Traceparent(TRACE_ID, SPAN_ID, true));
	}

	@Test
	void anUnsampledContextStaysUnsampled() {
		assertThat(Traceparent.of(TRACE_ID, SPAN_ID, false).format()).endsWith("-00");
		assertThat(Traceparent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-00"))
			.hasValueSatisfying(parent -> assertThat(parent.sampled()).isFalse());
	}

	@Test
	void onlyTheSampledBitOfTheFlagsCounts() {
		assertThat(Traceparent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-03"))
			.hasValueSatisfying(parent -> assertThat(parent.sampled()).isTrue());
	}

	@Test
	void aSixtyFourBitTraceIdIsPaddedAsTheSpecificationAsks() {
		assertThat(Traceparent.of("a3ce929d0e0e4736", SPAN_ID, true).traceId())
			.isEqualTo("0000000000000000a3ce929d0e0e4736");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "garbage", "01-" + TRACE_ID + "-" + SPAN_ID + "-01",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-" + SPAN_ID + "-01",
			"00-00000000000000000000000000000000-" + SPAN_ID + "-01", "00-" + TRACE_ID + "-0000000000000000-01",
			"00-" + TRACE_ID + "-" + SPAN_ID, "00-" + TRACE_ID + "-" + SPAN_ID + "-01-",
			"00-" + TRACE_ID + "a-" + SPAN_ID + "-01" })
	void anythingElseIsNoContext(String value) {
		assertThat(Traceparent.parse(value)).isEmpty();
	}

}
