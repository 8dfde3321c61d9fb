package io.orderflow.testsupport.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.inbox.Inbox;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * One fixture file, {@code contracts/<producer>/<wire type>[--<variant>].json}: the CloudEvents headers the
 * consumer reads, the Kafka key and the payload, as they arrive.
 */
public record ContractFixture(String name, String producer, String wireType, JsonNode json) {

	/** Keeps amounts exact ({@code 35.50} stays {@code 35.50}) on the way from the file to the payload bytes. */
	private static final JsonMapper FILES = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	/** Every fixture under {@code contracts/} on the test classpath of the calling module. */
	public static List<ContractFixture> all() {
		URL location = ContractFixture.class.getResource("/contracts");
		if (location == null) {
			throw new IllegalStateException("No contracts/ folder on the test classpath (src/test/resources/contracts)");
		}
		try (Stream<Path> files = Files.walk(Path.of(location.toURI()))) {
			Path root = Path.of(location.toURI());
			return files.filter(file -> file.getFileName().toString().endsWith(".json"))
				.sorted()
				.map(file -> read(root, file))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ContractFixture read(Path root, Path file) {
		Path relative = root.relativize(file);
		String name = file.getFileName().toString().replaceFirst("\\.json$", "");
		try {
			return new ContractFixture(relative.toString().replace('\\', '/'), relative.getName(0).toString(),
					name.split("--", 2)[0], FILES.readTree(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Headers headers() {
		RecordHeaders headers = new RecordHeaders();
		json.get("headers")
			.properties()
			.forEach(header -> headers.add(header.getKey(),
					header.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
		return headers;
	}

	public String header(String name) {
		return json.get("headers").get(name).stringValue();
	}

	public String key() {
		return json.get("key").stringValue();
	}

	public byte[] payload() {
		return FILES.writeValueAsBytes(json.get("payload"));
	}

	/**
	 * Reads the fixture as the consumer's listener receives it — through its real deserializer — and asserts what
	 * every consumer relies on: the type named by {@code ce_type}, the ids of the headers, the key being the order id.
	 */
	public IntegrationEvent deliveredThrough(CloudEventDeserializer deserializer, EventCatalog<?> catalog) {
		IntegrationEvent event = deserializer.deserialize(catalog.topic(), headers(), payload());

		assertThat(event).isInstanceOf(catalog.classOf(wireType).orElseThrow());
		assertThat(event.eventId()).hasToString(header("ce_id"));
		assertThat(event.orderId()).hasToString(key());
		assertThatCode(() -> Inbox.requireKeyIsOrderId(key(), event)).doesNotThrowAnyException();
		return event;
	}

	@Override
	public String toString() {
		return name;
	}

}
