package io.orderflow.testsupport.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.messaging.EventJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit: the producer-contract check every consumer runs on its fixtures rejects what it
 * must, and reads a payload as the services read events: an optional ({@code @Nullable})
 * field may be missing or null, a required one may not, so that a fixture written before
 * an optional field was added stays valid.
 */
class ProducerContractCheckTest {

	static final String ORDER_ID = "0b4f7c1e-8f0a-4c55-9a4e-2d7a1f3c9b10";

	static final String VALID = """
			{"headers": {"ce_type": "orderflow.payment.declined.v1",
			             "ce_id": "00000000-0000-4000-8000-000000000008", "ce_subject": "%s"},
			 "key": "%s",
			 "payload": {"eventId": "00000000-0000-4000-8000-000000000008", "orderId": "%s",
			             "occurredAt": "2025-03-14T09:26:53.989793Z", "reason": "insufficient_funds"}}"""
		.formatted(ORDER_ID, ORDER_ID, ORDER_ID);

	@TempDir
	Path contracts;

	record Probe(String required, @Nullable String optional, List<String> lines, int count) {
	}

	@Test
	void theCheckRejectsWhatItMust() throws IOException {
		assertThat(problems("payment-service/orderflow.payment.declined.v1.json", VALID)).isEmpty();
		assertThat(problems("payment-service/orderflow.payment.declined.v1--tolerant.json",
				VALID.replace("\"reason\"", "\"addedLater\": 1, \"reason\"")))
			.as("an unknown field is tolerated")
			.isEmpty();
		assertThat(problems("payment-service/orderflow.payment.declined.v1.json",
				VALID.replace("\"insufficient_funds\"", "null")))
			.as("a null required field")
			.anyMatch(p -> p.startsWith("payload is not valid against the committed schema"))
			.anyMatch(p -> p.startsWith("payload no longer deserialises into " + PaymentDeclined.class.getName()));
		assertThat(problems("payment-service/orderflow.payment.declined.v1.json",
				VALID.replace("\"key\": \"" + ORDER_ID, "\"key\": \"another-key")))
			.containsExactly("key 'another-key' does not match the payload orderId '" + ORDER_ID
					+ "' (consumers refuse such a record)");
		assertThat(problems("order-service/orderflow.payment.refunded.v1.json", VALID))
			.as("file name and ce_type disagree")
			.anyMatch(p -> p.contains("the file name says orderflow.payment.refunded.v1"));
		assertThat(problems("order-service/orderflow.payment.declined.v1.json", VALID)).as("producer folder")
			.anyMatch(p -> p.contains("is published by payment-service"));
		assertThat(problems("payment-service/orderflow.payment.declined.v9.json",
				VALID.replace("declined.v1", "declined.v9")))
			.anyMatch(p -> p.startsWith("no event catalog registers orderflow.payment.declined.v9"));
	}

	@Test
	void aFixtureThatIsNoMessageIsRejectedSayingWhy() throws IOException {
		assertThat(problems("orderflow.payment.declined.v1.json", VALID)).singleElement()
			.asString()
			.startsWith("misplaced");
		assertThat(problems("payment-service/orderflow.payment.declined.v1.json", "{\"headers\": ")).singleElement()
			.asString()
			.startsWith("not valid JSON");
		assertThat(problems("payment-service/orderflow.payment.declined.v1.json", "{\"key\": 1, \"extra\": {}}"))
			.anyMatch(p -> p.startsWith("unknown field(s) [extra]"))
			.anyMatch(p -> p.startsWith("no \"headers\" object"))
			.anyMatch(p -> p.startsWith("no \"payload\" object"))
			.anyMatch(p -> p.startsWith("no \"key\" string"));
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
		assertThatThrownBy(() -> read("{\"required\":null,\"lines\":[],\"count\":1}"))
			.isInstanceOf(JacksonException.class)
			.hasMessageContaining("required");
		assertThatThrownBy(() -> read("{\"required\":\"r\",\"lines\":[null],\"count\":1}"))
			.isInstanceOf(JacksonException.class);
		assertThatThrownBy(() -> read("{\"required\":\"r\",\"lines\":[]}")).isInstanceOf(JacksonException.class)
			.hasMessageContaining("count");
	}

	/** The fixture {@code contracts/<relative>}, checked. */
	List<String> problems(String relative, String json) throws IOException {
		Path file = contracts.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, json);
		return ProducerContractCheck.problems(new ContractFixture(relative, file));
	}

	/** As the check reads a payload: with the services' wire mapping. */
	private static Probe read(String json) {
		return new EventJson().read(json.getBytes(StandardCharsets.UTF_8), Probe.class);
	}

}
