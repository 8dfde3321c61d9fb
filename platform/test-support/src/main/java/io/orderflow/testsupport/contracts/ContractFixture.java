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
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * One fixture file, {@code contracts/<producer>/<wire type>[--<variant>].json} on the
 * consumer's test classpath: the CloudEvents headers the consumer reads, the Kafka key
 * and the payload, as they arrive.
 *
 * @param name the file's path below {@code contracts/}, e.g.
 * {@code order-service/orderflow.order.placed.v1.json}
 * @param file the file
 */
public record ContractFixture(String name, Path file) {

	/** Where, inside a consumer module, its fixtures live. */
	public static final String LOCATION = "src/test/resources/contracts";

	static final String VARIANT_SEPARATOR = "--";

	static final String SUFFIX = ".json";

	/**
	 * Keeps amounts exact ({@code 35.50} stays {@code 35.50}) on the way from the file to
	 * the payload bytes.
	 */
	static final JsonMapper FILES = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	/**
	 * Every fixture under {@code contracts/} on the test classpath of the calling module,
	 * sorted by name.
	 */
	public static List<ContractFixture> all() {
		URL location = ContractFixture.class.getResource("/contracts");
		if (location == null) {
			throw new IllegalStateException("No contracts/ folder on the test classpath (" + LOCATION + ")");
		}
		try {
			return in(Path.of(location.toURI()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every fixture below a {@code contracts} folder, sorted by name. */
	private static List<ContractFixture> in(Path contracts) {
		try (Stream<Path> files = Files.walk(contracts)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
				.map(file -> new ContractFixture(contracts.relativize(file).toString().replace('\\', '/'), file))
				.sorted((a, b) -> a.name().compareTo(b.name()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The producer folder the fixture is in, or {@code null} when it is not in exactly
	 * one.
	 */
	public @Nullable String producer() {
		String[] segments = name.split("/");
		return segments.length == 2 ? segments[0] : null;
	}

	/** The wire type the file name declares. */
	public String wireType() {
		String fileName = file.getFileName().toString();
		return fileName.substring(0, fileName.length() - SUFFIX.length()).split(VARIANT_SEPARATOR, 2)[0];
	}

	/**
	 * The fixture's path from the repository root, as the producer's engineer would look
	 * for it.
	 */
	public String location(String consumer) {
		return consumer + "/" + LOCATION + "/" + name;
	}

	/**
	 * The file's JSON; {@link tools.jackson.core.JacksonException} when it is not JSON.
	 */
	public JsonNode json() {
		try {
			return FILES.readTree(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Headers headers() {
		RecordHeaders headers = new RecordHeaders();
		json().get("headers")
			.properties()
			.forEach(header -> headers.add(header.getKey(),
					header.getValue().stringValue().getBytes(StandardCharsets.UTF_8)));
		return headers;
	}

	public String header(String name) {
		return json().get("headers").get(name).stringValue();
	}

	public String key() {
		return json().get("key").stringValue();
	}

	public byte[] payload() {
		return FILES.writeValueAsBytes(json().get("payload"));
	}

	/**
	 * Reads the fixture as the consumer's listener receives it — through its real
	 * deserializer — and asserts what every consumer relies on: the type named by
	 * {@code ce_type}, the ids of the headers, the key being the aggregate id.
	 */
	public IntegrationEvent deliveredThrough(CloudEventDeserializer deserializer, EventCatalog<?> catalog) {
		IntegrationEvent event = deserializer.deserialize(catalog.topic(), headers(), payload());

		assertThat(event).isInstanceOf(catalog.classOf(wireType()).orElseThrow());
		assertThat(event.eventId()).hasToString(header("ce_id"));
		assertThat(event.aggregateId()).hasToString(key());
		assertThatCode(() -> Inbox.requireKeyIsAggregateId(key(), event)).doesNotThrowAnyException();
		return event;
	}

	@Override
	public String toString() {
		return name;
	}

}
