package io.orderflow.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unit test of the problem document the valve writes: valid JSON of ASCII characters
 * only, whatever it holds.
 */
class ProblemJsonErrorReportValveTest {

	@Test
	void theDocumentIsAsciiJsonThatReadsBackToWhatWasWritten() {
		String detail = "quote \" backslash \\ newline \n tab \t NUL \u0000 e-acute \u00e9 emoji \uD83D\uDE00 </script>";

		String document = ProblemJsonErrorReportValve.problem(400, detail);

		assertThat(document.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
		JsonNode problem = JsonMapper.builder().build().readTree(document);
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).isEqualTo(detail);
	}

	@Test
	void aStatusWithoutAReasonPhraseGetsTheTitleOfItsClass() {
		JsonMapper json = JsonMapper.builder().build();

		assertThat(json.readTree(ProblemJsonErrorReportValve.problem(499, "x")).get("title").asString())
			.isEqualTo("Client Error");
		assertThat(json.readTree(ProblemJsonErrorReportValve.problem(599, "x")).get("title").asString())
			.isEqualTo("Server Error");
		assertThat(json.readTree(ProblemJsonErrorReportValve.problem(505, "x")).get("title").asString())
			.isEqualTo("HTTP Version not supported");
	}

}
