package io.orderflow.events.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.orderflow.events.EventCatalog;
import io.orderflow.events.EventFamilies;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.schema.CommittedSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document ({@code src/main/resources/asyncapi.yaml}) and the code agree:
 * every wire type of the catalogs is a message on its topic with its CloudEvents headers
 * and its committed schema, the document has no message the catalogs do not know, the
 * dead-letter topics follow {@code DeadLetterTopics} naming, the replay topics
 * {@code ReplayTopics} naming, and every example is valid. The AsyncAPI CLI
 * ({@code tools/scripts/check-asyncapi.sh}) validates the document against the
 * specification; it does not validate examples of an AsyncAPI 3 document, this test does.
 */
class AsyncApiDocumentTest {

	/**
	 * The consumer groups of the three services ({@code spring.kafka.consumer.group-id}
	 * of each).
	 */
	private static final Set<String> CONSUMER_GROUPS = Set.of("order-service", "payment-service",
			"notification-service");

	/**
	 * {@code io.orderflow.messaging.consumer.DeadLetterTopics}:
	 * {@code <topic>.<group>.dlt}.
	 */
	private static final Pattern DEAD_LETTER_TOPIC = Pattern.compile("(.+)\\.([a-z-]+)\\.dlt");

	/**
	 * {@code io.orderflow.messaging.consumer.ReplayTopics}:
	 * {@code <topic>.<group>.replay}.
	 */
	private static final Pattern REPLAY_TOPIC = Pattern.compile("(.+)\\.([a-z-]+)\\.replay");

	/**
	 * The CloudEvents Kafka binding headers of every event ({@code CloudEventHeaders}),
	 * all of them always sent.
	 */
	private static final Set<String> CLOUDEVENTS_HEADERS = Set.of("ce_specversion", "ce_id", "ce_source", "ce_type",
			"ce_time", "ce_subject", "content-type");

	/**
	 * What spring-kafka's DeadLetterPublishingRecoverer and {@code ConsumerFailures} add
	 * to every dead letter.
	 */
	private static final Set<String> DEAD_LETTER_HEADERS = Set.of("kafka_dlt-original-topic",
			"kafka_dlt-original-partition", "kafka_dlt-original-offset", "kafka_dlt-exception-fqcn",
			"kafka_dlt-exception-message", "kafka_dlt-exception-stacktrace", "kafka_dlt-original-consumer-group",
			"orderflow_dlt-reason");

	/**
	 * Keywords that mean the same in JSON Schema draft-07 (the base of the AsyncAPI
	 * Schema format the document declares for payloads) and draft 2020-12 (what the
	 * committed schemas declare).
	 */
	private static final Set<String> DRAFT_07_COMPATIBLE_KEYWORDS = Set.of("$schema", "$id", "title", "description",
			"type", "properties", "required", "additionalProperties", "items", "format", "enum", "const");

	/**
	 * Reads example payloads into the records as strictly as the services' consumers do,
	 * and stricter: an example holds exactly the record's fields.
	 */
	private static final JsonMapper WIRE = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** Draft 2020-12 with {@code format} asserted, as in {@code EventSamplesTest}. */
	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private static final AsyncApiDocument DOC = AsyncApiDocument.load();

	static Stream<String> wireTypes() {
		return EventFamilies.catalogByType().keySet().stream();
	}

	static Stream<String> componentMessages() {
		return AsyncApiDocument.entries(DOC.root().path("components").path("messages")).stream().map(Map.Entry::getKey);
	}

	@Test
	void documentsTheSystemOnTheDemoBrokers() {
		JsonNode root = DOC.root();

		assertThat(root.path("asyncapi").stringValue()).isEqualTo("3.0.0");
		assertThat(root.at("/info/title").stringValue()).isEqualTo("orderflow");
		assertThat(root.at("/info/version").stringValue()).isEqualTo("0.1.0");
		assertThat(root.at("/info/description").stringValue()).contains("choreographed");
		assertThat(root.path("defaultContentType").stringValue()).isEqualTo("application/json");
		assertThat(root.at("/servers/local/host").stringValue()).isEqualTo("localhost:9092");
		assertThat(root.at("/servers/local/protocol").stringValue()).isEqualTo("kafka");
		assertThat(root.at("/servers/compose/host").stringValue()).isEqualTo("kafka:19092");
		assertThat(root.at("/servers/compose/protocol").stringValue()).isEqualTo("kafka");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wireTypes")
	void everyCatalogTypeIsAMessageOnItsTopic(String type) {
		EventCatalog<?> catalog = EventFamilies.catalogByType().get(type);
		JsonNode channel = eventChannel(catalog);

		List<JsonNode> named = DOC.messagesOf(channel)
			.stream()
			.filter(message -> type.equals(message.path("name").stringValue()))
			.toList();

		assertThat(named).as("a message named %s on the channel of %s", type, catalog.topic()).hasSize(1);
		JsonNode message = named.getFirst();
		assertThat(message.path("title").stringValue()).as("title of %s", type)
			.isEqualTo(catalog.classOf(type).orElseThrow().getSimpleName());
		assertThat(message.path("summary").stringValue()).as("summary of %s", type).isNotBlank();
		assertThat(message.path("contentType").stringValue()).isEqualTo("application/json");

		JsonNode headers = DOC.inline(message.path("headers"));
		assertThat(headers.path("properties").propertyNames()).as("headers of %s", type)
			.containsExactlyInAnyOrderElementsOf(CLOUDEVENTS_HEADERS);
		assertThat(strings(headers.path("required"))).as("required headers of %s", type)
			.containsExactlyInAnyOrderElementsOf(CLOUDEVENTS_HEADERS);
		assertThat(headers.at("/properties/ce_type/const").stringValue()).as("ce_type of %s", type).isEqualTo(type);
		assertThat(headers.at("/properties/ce_source/const").stringValue()).as("ce_source of %s", type)
			.isEqualTo(catalog.source());
		assertThat(headers.at("/properties/ce_specversion/const").stringValue()).isEqualTo("1.0");
		assertThat(headers.at("/properties/content-type/const").stringValue()).isEqualTo("application/json");
		assertThat(headers.at("/properties/ce_id/format").stringValue()).isEqualTo("uuid");
		assertThat(headers.at("/properties/ce_subject/format").stringValue()).isEqualTo("uuid");
		assertThat(headers.at("/properties/ce_time/format").stringValue()).isEqualTo("date-time");

		String payloadRef = message.at("/payload/$ref").stringValue();
		assertThat(payloadRef).as("payload of %s", type).isEqualTo("./schemas/" + type + ".schema.json");
		Path schemaFile = DOC.fileOf(payloadRef);
		assertThat(schemaFile).as("payload of %s is the committed schema", type)
			.isEqualTo(CommittedSchemas.fileOf(type).toAbsolutePath().normalize());
		assertThat(Files.isRegularFile(schemaFile)).as("%s exists", schemaFile).isTrue();

		JsonNode key = DOC.deref(message.path("bindings")).at("/kafka/key");
		assertThat(key.path("type").stringValue()).as("Kafka key of %s", type).isEqualTo("string");
		assertThat(key.path("format").stringValue()).as("Kafka key of %s", type).isEqualTo("uuid");
		assertThat(key.path("description").stringValue()).isEqualTo("the order id");
	}

	@Test
	void theDocumentHasNoMessageTheCatalogsDoNotKnow() {
		Set<String> catalogTopics = EventFamilies.CATALOGS.stream()
			.map(EventCatalog::topic)
			.collect(Collectors.toSet());
		List<String> documented = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : DOC.channels()) {
			String address = entry.getValue().path("address").stringValue();
			if (isDeadLetterTopic(address) || isReplayTopic(address)) {
				continue;
			}
			assertThat(catalogTopics)
				.as("channel %s: address %s is a catalog's topic, a dead-letter or a replay topic", entry.getKey(),
						address)
				.contains(address);
			EventCatalog<?> catalog = catalogOf(address);
			for (JsonNode message : DOC.messagesOf(entry.getValue())) {
				String name = message.path("name").stringValue();
				assertThat(catalog.types())
					.as("message %s on %s is a type of %s (stale or misplaced?)", name, address,
							catalog.family().getSimpleName())
					.contains(name);
				documented.add(name);
			}
		}
		assertThat(documented).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(EventFamilies.catalogByType().keySet());

		List<String> components = new ArrayList<>();
		componentMessages().map(name -> DOC.root().path("components").path("messages").get(name))
			.map(message -> message.path("name").stringValue())
			.filter(name -> !name.equals(deadLetterMessageName()))
			.forEach(components::add);
		assertThat(components).as("components.messages other than the dead letter")
			.containsExactlyInAnyOrderElementsOf(EventFamilies.catalogByType().keySet());
	}

	@Test
	void eachProducerSendsItsWholeFamilyOnItsTopic() {
		for (EventCatalog<?> catalog : EventFamilies.CATALOGS) {
			List<JsonNode> sends = operationsOn(catalog.topic(), "send");

			assertThat(sends).as("one send operation on %s", catalog.topic()).hasSize(1);
			assertThat(DOC.messagesOf(sends.getFirst())).extracting(message -> message.path("name").stringValue())
				.as("messages sent on %s", catalog.topic())
				.containsExactlyInAnyOrderElementsOf(catalog.types());
		}
	}

	@Test
	void everyConsumerGroupReceivesOnATopicAndHasItsDeadLetterAndReplayTopics() {
		Set<String> groups = new TreeSet<>();
		Set<String> expectedDeadLetterTopics = new TreeSet<>();
		Set<String> expectedReplayTopics = new TreeSet<>();
		for (Map.Entry<String, JsonNode> entry : DOC.operations()) {
			JsonNode operation = entry.getValue();
			if (!"receive".equals(operation.path("action").stringValue())) {
				continue;
			}
			JsonNode channel = DOC.deref(operation.path("channel"));
			String topic = channel.path("address").stringValue();
			if (isReplayTopic(topic)) {
				// replayChannelsFollowTheNamingAndOnlyTheirGroupReadsThem
				continue;
			}
			String group = operation.at("/bindings/kafka/groupId/const").stringValue();
			assertThat(group).as("operation %s names its consumer group", entry.getKey()).isNotNull();
			assertThat(catalogOf(topic)).as("operation %s receives from a catalog topic", entry.getKey()).isNotNull();
			assertThat(DOC.messagesOf(operation)).as("operation %s names what it consumes", entry.getKey())
				.isNotEmpty()
				.allSatisfy(message -> assertThat(DOC.messagesOf(channel)).contains(message));
			assertThat(groups.add(group)).as("one receive operation per consumer group: %s", group).isTrue();
			expectedDeadLetterTopics.add(topic + "." + group + ".dlt");
			expectedReplayTopics.add(topic + "." + group + ".replay");
		}
		assertThat(groups).containsExactlyInAnyOrderElementsOf(CONSUMER_GROUPS);

		assertThat(addresses(AsyncApiDocumentTest::isDeadLetterTopic))
			.as("one dead-letter topic <topic>.<group>.dlt per consumer group and topic")
			.containsExactlyElementsOf(expectedDeadLetterTopics);
		assertThat(addresses(AsyncApiDocumentTest::isReplayTopic))
			.as("one replay topic <topic>.<group>.replay per consumer group and topic")
			.containsExactlyElementsOf(expectedReplayTopics);
	}

	/**
	 * A replay topic carries its source topic's records, is written by its group (on an
	 * operator's replay) and read by that group alone, which acts on what it acts on in
	 * the source topic.
	 */
	@Test
	void replayChannelsFollowTheNamingAndOnlyTheirGroupReadsThem() {
		List<String> seen = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : DOC.channels()) {
			String address = entry.getValue().path("address").stringValue();
			if (!isReplayTopic(address)) {
				continue;
			}
			seen.add(address);
			Matcher matcher = REPLAY_TOPIC.matcher(address);
			assertThat(matcher.matches()).as("%s is <topic>.<group>.replay", address).isTrue();
			String source = matcher.group(1);
			String group = matcher.group(2);
			assertThat(CONSUMER_GROUPS).as("group of %s", address).contains(group);
			assertThat(entry.getValue().path("tags").valueStream().map(tag -> tag.path("name").stringValue()))
				.as("tags of %s", address)
				.containsExactly("replay");
			assertThat(messageNames(DOC.messagesOf(entry.getValue()))).as("messages of %s", address)
				.containsExactlyInAnyOrderElementsOf(messageNames(DOC.messagesOf(eventChannel(catalogOf(source)))));

			assertThat(operationsOn(address, "send")).as("the group that replays to %s", address).hasSize(1);
			List<JsonNode> receivers = operationsOn(address, "receive");
			assertThat(receivers).as("the group that reads %s", address).hasSize(1);
			assertThat(receivers.getFirst().at("/bindings/kafka/groupId/const").stringValue())
				.as("the group that reads %s", address)
				.isEqualTo(group);
			List<JsonNode> sourceReceivers = operationsOn(source, "receive").stream()
				.filter(operation -> group.equals(operation.at("/bindings/kafka/groupId/const").stringValue()))
				.toList();
			assertThat(sourceReceivers).as("%s receives on %s", group, source).hasSize(1);
			assertThat(messageNames(DOC.messagesOf(receivers.getFirst())))
				.as("%s acts on its replays as on %s", group, source)
				.containsExactlyInAnyOrderElementsOf(messageNames(DOC.messagesOf(sourceReceivers.getFirst())));
		}
		assertThat(seen).as("replay channels").hasSameSizeAs(CONSUMER_GROUPS);
	}

	@Test
	void deadLetterChannelsFollowTheNamingAndDocumentTheFailureHeaders() {
		Set<String> catalogTopics = EventFamilies.CATALOGS.stream()
			.map(EventCatalog::topic)
			.collect(Collectors.toSet());
		List<String> seen = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : DOC.channels()) {
			String address = entry.getValue().path("address").stringValue();
			if (!address.endsWith(".dlt")) {
				continue;
			}
			seen.add(address);
			Matcher matcher = DEAD_LETTER_TOPIC.matcher(address);
			assertThat(matcher.matches()).as("%s is <topic>.<group>.dlt", address).isTrue();
			assertThat(catalogTopics).as("topic of %s", address).contains(matcher.group(1));
			assertThat(CONSUMER_GROUPS).as("group of %s", address).contains(matcher.group(2));

			List<JsonNode> messages = DOC.messagesOf(entry.getValue());
			assertThat(messages).as("messages of %s", address).hasSize(1);
			JsonNode headers = DOC.inline(messages.getFirst().path("headers"));
			assertThat(headers.path("properties").propertyNames()).as("headers of %s", address)
				.containsAll(DEAD_LETTER_HEADERS);
			assertThat(strings(headers.path("required"))).as("required headers of %s", address)
				.containsAll(DEAD_LETTER_HEADERS);
			assertThat(strings(headers.at("/properties/kafka_dlt-original-topic/enum"))).contains(matcher.group(1));
			assertThat(strings(headers.at("/properties/kafka_dlt-original-consumer-group/enum")))
				.contains(matcher.group(2));

			assertThat(operationsOn(address, "send")).as("the consumer that dead-letters to %s", address).hasSize(1);
		}
		assertThat(seen).as("dead-letter channels").hasSameSizeAs(CONSUMER_GROUPS);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("componentMessages")
	void examplesAreValid(String key) {
		JsonNode message = DOC.root().path("components").path("messages").get(key);
		String name = message.path("name").stringValue();
		Schema headersSchema = schema(DOC.inline(message.path("headers")));
		Schema payloadSchema = schema(DOC.inline(message.path("payload")));
		List<JsonNode> examples = new ArrayList<>(message.path("examples").values());

		assertThat(examples).as("examples of %s", name).hasSize(1);
		for (JsonNode example : examples) {
			assertThat(example.path("name").stringValue()).as("example name").isNotBlank();
			assertThat(headersSchema.validate(example.path("headers"))).as("headers of the example of %s", name)
				.isEmpty();
			assertThat(payloadSchema.validate(example.path("payload"))).as("payload of the example of %s", name)
				.isEmpty();
			if (EventFamilies.catalogByType().containsKey(name)) {
				assertIsTheRecordAndItsHeaders(name, example);
			}
		}
	}

	@Test
	void theExampleValidationIsNotVacuous() {
		JsonNode message = DOC.root().at("/components/messages/orderPlaced");
		JsonNode example = message.path("examples").get(0);
		Schema headersSchema = schema(DOC.inline(message.path("headers")));
		Schema payloadSchema = schema(DOC.inline(message.path("payload")));

		ObjectNode wrongType = (ObjectNode) example.path("headers").deepCopy();
		wrongType.put("ce_type", "orderflow.order.placed.v2");
		ObjectNode badId = (ObjectNode) example.path("headers").deepCopy();
		badId.put("ce_id", "not-a-uuid");
		ObjectNode noOrderId = (ObjectNode) example.path("payload").deepCopy();
		noOrderId.remove("orderId");
		ObjectNode badTotal = (ObjectNode) example.path("payload").deepCopy();
		badTotal.put("total", "59.90");

		assertThat(headersSchema.validate(wrongType)).as("wrong ce_type").isNotEmpty();
		assertThat(headersSchema.validate(badId)).as("ce_id not a uuid").isNotEmpty();
		assertThat(payloadSchema.validate(noOrderId)).as("orderId missing").isNotEmpty();
		assertThat(payloadSchema.validate(badTotal)).as("total not a number").isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wireTypes")
	void payloadSchemasMeanTheSameInDraft07AndDraft2020_12(String type) {
		// the document declares the default AsyncAPI Schema format (draft-07 based) for
		// the 2020-12 files
		Set<String> keywords = new LinkedHashSet<>();
		collectKeywords(CommittedSchemas.read(type), keywords);

		assertThat(keywords).as("keywords of the schema of %s", type).isSubsetOf(DRAFT_07_COMPATIBLE_KEYWORDS);
	}

	private static void assertIsTheRecordAndItsHeaders(String type, JsonNode example) {
		Class<?> eventClass = EventFamilies.classOf(type);
		IntegrationEvent event = (IntegrationEvent) WIRE.treeToValue(example.path("payload"), eventClass);
		JsonNode headers = example.path("headers");

		assertThat(headers.path("ce_type").stringValue()).isEqualTo(type);
		assertThat(headers.path("ce_id").stringValue()).as("ce_id = eventId").isEqualTo(event.eventId().toString());
		assertThat(headers.path("ce_subject").stringValue()).as("ce_subject = aggregateId (the orderId)")
			.isEqualTo(event.aggregateId().toString());
		assertThat(headers.path("ce_time").stringValue()).as("ce_time = occurredAt")
			.isEqualTo(event.occurredAt().toString());
	}

	private static void collectKeywords(JsonNode schema, Set<String> keywords) {
		if (!schema.isObject()) {
			return;
		}
		keywords.addAll(schema.propertyNames());
		schema.path("properties").values().forEach(property -> collectKeywords(property, keywords));
		JsonNode items = schema.path("items");
		if (items.isArray()) {
			keywords.add("items (array form)");
		}
		collectKeywords(items, keywords);
		collectKeywords(schema.path("additionalProperties"), keywords);
	}

	private static JsonNode eventChannel(EventCatalog<?> catalog) {
		List<JsonNode> channels = DOC.channels()
			.stream()
			.map(Map.Entry::getValue)
			.filter(channel -> catalog.topic().equals(channel.path("address").stringValue()))
			.toList();
		assertThat(channels).as("one channel with address %s", catalog.topic()).hasSize(1);
		return channels.getFirst();
	}

	private static List<JsonNode> operationsOn(String address, String action) {
		return DOC.operations()
			.stream()
			.map(Map.Entry::getValue)
			.filter(operation -> action.equals(operation.path("action").stringValue()))
			.filter(operation -> address.equals(DOC.deref(operation.path("channel")).path("address").stringValue()))
			.toList();
	}

	private static EventCatalog<?> catalogOf(String topic) {
		return EventFamilies.CATALOGS.stream()
			.filter(catalog -> catalog.topic().equals(topic))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No catalog publishes on " + topic));
	}

	private static boolean isDeadLetterTopic(String address) {
		return address.endsWith(".dlt");
	}

	/** The channel addresses that match, sorted. */
	private static Set<String> addresses(Predicate<String> matching) {
		return DOC.channels()
			.stream()
			.map(entry -> entry.getValue().path("address").stringValue())
			.filter(matching)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static boolean isReplayTopic(String address) {
		return address.endsWith(".replay");
	}

	private static List<String> messageNames(List<JsonNode> messages) {
		return messages.stream().map(message -> message.path("name").stringValue()).toList();
	}

	private static String deadLetterMessageName() {
		return DOC.root().at("/components/messages/deadLetter/name").stringValue();
	}

	private static Schema schema(JsonNode inlined) {
		assertThat(inlined.toString()).as("every $ref resolved").doesNotContain("\"$ref\"");
		return SCHEMAS.getSchema(inlined);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.values().forEach(value -> values.add(value.stringValue()));
		return values;
	}

}
