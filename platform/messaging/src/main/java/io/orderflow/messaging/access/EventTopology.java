package io.orderflow.messaging.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.consumer.ReplayTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the AsyncAPI document of shared-events says each service does on the broker: the
 * topics it publishes, the topics it consumes in which consumer group, and the
 * dead-letter topics it writes. In orderflow a service's consumer group, its Kafka user
 * and its name are one and the same.
 *
 * <p>
 * Read from the document, not declared again, so that the ACLs
 * ({@link LeastPrivilegeAcls}) follow the contract: a {@code receive} operation names its
 * group ({@code bindings.kafka.groupId.const}); a {@code send} operation on an event
 * topic is the service its messages' CloudEvents {@code source} names
 * ({@code /orderflow/<service>}, "the producer"); a {@code send} operation on a topic
 * tagged {@code dead-letter} belongs to the group whose dead-letter topic it is
 * ({@link DeadLetterTopics}); so does a {@code send} operation on a topic tagged
 * {@code replay}, where the group's dead letters are replayed ({@link ReplayTopics}), and
 * a {@code receive} operation on one must be in that group: a replay reaches the group
 * that gave up on the record, nobody else. A document that leaves one of these open is
 * refused, rather than granting a guess.
 *
 * @param topics every channel address, event, replay and dead-letter topics alike
 * @param deadLetterTopics the channels tagged {@code dead-letter}
 * @param replayTopics the channels tagged {@code replay}
 * @param publications who writes which event topic
 * @param subscriptions who reads which event topic, in its group
 * @param deadLettering who writes which dead-letter topic
 * @param replaying which group's dead letters are replayed to which replay topic: the
 * group writes it (on an operator's replay) and reads it
 */
public record EventTopology(Set<String> topics, Set<String> deadLetterTopics, Set<String> replayTopics,
		List<Publication> publications, List<Subscription> subscriptions, List<DeadLettering> deadLettering,
		List<Replaying> replaying) {

	/** The document on the classpath, as shared-events packages it. */
	public static final String DOCUMENT = "asyncapi.yaml";

	private static final String SOURCE_PREFIX = "/orderflow/";

	private static final String DEAD_LETTER_TAG = "dead-letter";

	private static final String REPLAY_TAG = "replay";

	public EventTopology {
		topics = Set.copyOf(topics);
		deadLetterTopics = Set.copyOf(deadLetterTopics);
		replayTopics = Set.copyOf(replayTopics);
		publications = List.copyOf(publications);
		subscriptions = List.copyOf(subscriptions);
		deadLettering = List.copyOf(deadLettering);
		replaying = List.copyOf(replaying);
	}

	/**
	 * A service writes an event topic ({@code action: send}).
	 *
	 * @param operation the operation of the document that says so
	 */
	public record Publication(String service, String topic, String operation) {
	}

	/**
	 * A service reads an event topic in its consumer group ({@code action: receive}).
	 *
	 * @param operation the operation of the document that says so
	 */
	public record Subscription(String group, String topic, String operation) {
	}

	/**
	 * A service's consumer group writes its dead-letter topic.
	 *
	 * @param operation the operation of the document that says so
	 */
	public record DeadLettering(String group, String topic, String operation) {
	}

	/**
	 * A service's consumer group has its dead letters replayed to its replay topic: it
	 * writes the topic on an operator's replay and reads it in its listener.
	 *
	 * @param operation the {@code send} operation of the document that says so
	 */
	public record Replaying(String group, String topic, String operation) {
	}

	/** The topology of the document shared-events puts on the classpath. */
	public static EventTopology fromAsyncApi() {
		try (InputStream document = EventTopology.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
			if (document == null) {
				throw new IllegalStateException(DOCUMENT + " is not on the classpath (shared-events)");
			}
			return of(YAMLMapper.builder().build().readTree(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The topology of an AsyncAPI 3 document. */
	public static EventTopology parse(String asyncApiYaml) {
		return of(YAMLMapper.builder().build().readTree(asyncApiYaml));
	}

	/** Every service: who publishes, consumes or dead-letters, in document order. */
	public Set<String> services() {
		Set<String> services = new LinkedHashSet<>();
		publications.forEach(publication -> services.add(publication.service()));
		subscriptions.forEach(subscription -> services.add(subscription.group()));
		deadLettering.forEach(dlt -> services.add(dlt.group()));
		replaying.forEach(replay -> services.add(replay.group()));
		return services;
	}

	private static EventTopology of(JsonNode root) {
		Document document = new Document(root);
		Set<String> topics = new LinkedHashSet<>();
		Set<String> deadLetterTopics = new LinkedHashSet<>();
		Set<String> replayTopics = new LinkedHashSet<>();
		for (JsonNode channel : root.path("channels").values()) {
			topics.add(document.address(channel));
			if (document.isDeadLetter(channel)) {
				deadLetterTopics.add(document.address(channel));
			}
			if (document.isReplay(channel)) {
				replayTopics.add(document.address(channel));
			}
		}
		List<Subscription> subscriptions = new ArrayList<>();
		List<Subscription> replayReceivers = new ArrayList<>();
		for (var operation : root.path("operations").properties()) {
			if (document.action(operation).equals("receive")) {
				Subscription subscription = document.subscription(operation.getKey(), operation.getValue());
				if (replayTopics.contains(subscription.topic())) {
					replayReceivers.add(subscription);
				}
				else {
					subscriptions.add(subscription);
				}
			}
		}
		// a replay topic is read by the group whose dead letters it holds, in its own
		// group
		for (Subscription receiver : replayReceivers) {
			String owner = ownerOf(receiver.operation(), receiver.topic(), ReplayTopics::of, "replay", subscriptions);
			if (!owner.equals(receiver.group())) {
				throw new IllegalStateException(receiver.operation() + ": " + receiver.topic()
						+ " is the replay topic of " + owner + "; no other group reads it (" + receiver.group() + ")");
			}
		}
		List<Publication> publications = new ArrayList<>();
		List<DeadLettering> deadLettering = new ArrayList<>();
		List<Replaying> replaying = new ArrayList<>();
		for (var operation : root.path("operations").properties()) {
			if (document.action(operation).equals("send")) {
				String name = operation.getKey();
				JsonNode channel = document.deref(operation.getValue().path("channel"));
				String topic = document.address(channel);
				if (document.isDeadLetter(channel)) {
					deadLettering.add(new DeadLettering(
							ownerOf(name, topic, DeadLetterTopics::of, "dead-letter", subscriptions), topic, name));
				}
				else if (document.isReplay(channel)) {
					replaying.add(new Replaying(ownerOf(name, topic, ReplayTopics::of, "replay", subscriptions), topic,
							name));
				}
				else {
					publications.add(new Publication(document.producer(name, operation.getValue()), topic, name));
				}
			}
		}
		return new EventTopology(topics, deadLetterTopics, replayTopics, publications, subscriptions, deadLettering,
				replaying);
	}

	/**
	 * The consumer group whose dead-letter or replay topic {@code topic} is, as
	 * {@code naming} names the topics of each event topic and group.
	 * @param kind what the topic is, for the refusal
	 */
	private static String ownerOf(String operation, String topic, BinaryOperator<String> naming, String kind,
			List<Subscription> subscriptions) {
		return subscriptions.stream()
			.filter(subscription -> naming.apply(subscription.topic(), subscription.group()).equals(topic))
			.map(Subscription::group)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					operation + ": " + topic + " is the " + kind + " topic of no consumer group the document names"));
	}

	/**
	 * Just enough of the document: local references, addresses, tags, groups, sources.
	 */
	private record Document(JsonNode root) {

		JsonNode deref(JsonNode node) {
			JsonNode current = node;
			for (int hops = 0; current.has("$ref"); hops++) {
				String ref = current.get("$ref").asString();
				if (hops > 20 || !ref.startsWith("#/")) {
					throw new IllegalStateException("Cannot follow " + ref);
				}
				current = root.at(ref.substring(1));
				if (current.isMissingNode()) {
					throw new IllegalStateException("Dangling reference " + ref);
				}
			}
			return current;
		}

		String address(JsonNode channel) {
			String address = channel.path("address").asString("");
			if (address.isEmpty()) {
				throw new IllegalStateException("A channel without an address: " + channel.path("title"));
			}
			return address;
		}

		boolean isDeadLetter(JsonNode channel) {
			return isTagged(channel, DEAD_LETTER_TAG);
		}

		boolean isReplay(JsonNode channel) {
			return isTagged(channel, REPLAY_TAG);
		}

		private boolean isTagged(JsonNode channel, String name) {
			return channel.path("tags")
				.valueStream()
				.anyMatch(tag -> name.equals(deref(tag).path("name").asString("")));
		}

		String action(Map.Entry<String, JsonNode> operation) {
			String action = operation.getValue().path("action").asString("");
			if (!action.equals("send") && !action.equals("receive")) {
				throw new IllegalStateException(operation.getKey() + " is neither send nor receive");
			}
			return action;
		}

		Subscription subscription(String name, JsonNode operation) {
			JsonNode channel = deref(operation.path("channel"));
			if (isDeadLetter(channel)) {
				throw new IllegalStateException(name + ": no service consumes a dead-letter topic in a group");
			}
			String group = operation.at("/bindings/kafka/groupId/const").asString("");
			if (group.isEmpty()) {
				throw new IllegalStateException(name + " names no consumer group (bindings.kafka.groupId.const)");
			}
			return new Subscription(group, address(channel), name);
		}

		/**
		 * The one service every message of the operation names as its CloudEvents source.
		 */
		String producer(String name, JsonNode operation) {
			Set<String> sources = new LinkedHashSet<>();
			for (JsonNode message : operation.path("messages").values()) {
				sources.add(deref(deref(message).at("/headers/properties/ce_source")).path("const").asString(""));
			}
			if (sources.size() != 1 || !sources.iterator().next().startsWith(SOURCE_PREFIX)) {
				throw new IllegalStateException(name + ": its messages name no single producer (ce_source const "
						+ SOURCE_PREFIX + "<service>): " + sources);
			}
			return sources.iterator().next().substring(SOURCE_PREFIX.length());
		}

	}

}
