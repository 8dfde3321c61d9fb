package io.orderflow.messaging.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.orderflow.messaging.access.EventTopology.DeadLettering;
import io.orderflow.messaging.access.EventTopology.Publication;
import io.orderflow.messaging.access.EventTopology.Replaying;
import io.orderflow.messaging.access.EventTopology.Subscription;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.consumer.ReplayTopics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The ACLs and the AsyncAPI document agree: every operation of the document has its ACL,
 * and no ACL grants what the document does not justify, besides a service's READ on its
 * own dead-letter topics (the dead-letter admin API) and its consumer group. No service
 * may write a topic it consumes; a dead letter is replayed to its group's own replay
 * topic. The document is walked here on its own, not through {@link EventTopology}, so
 * that a mistake in the derivation shows.
 */
class LeastPrivilegeAclsTest {

	private static final EventTopology TOPOLOGY = EventTopology.fromAsyncApi();

	private static final List<AclBinding> SERVICE_ACLS = LeastPrivilegeAcls.forServices(TOPOLOGY);

	@Test
	void theDocumentSaysWhoPublishesConsumesAndDeadLettersWhat() {
		assertThat(TOPOLOGY.publications()).extracting(Publication::service, Publication::topic)
			.containsExactlyInAnyOrder(tuple("order-service", "orderflow.order.events"),
					tuple("payment-service", "orderflow.payment.events"));
		assertThat(TOPOLOGY.subscriptions()).extracting(Subscription::group, Subscription::topic)
			.containsExactlyInAnyOrder(tuple("order-service", "orderflow.payment.events"),
					tuple("payment-service", "orderflow.order.events"),
					tuple("notification-service", "orderflow.order.events"));
		assertThat(TOPOLOGY.deadLettering()).extracting(DeadLettering::group, DeadLettering::topic)
			.containsExactlyInAnyOrder(tuple("order-service", "orderflow.payment.events.order-service.dlt"),
					tuple("payment-service", "orderflow.order.events.payment-service.dlt"),
					tuple("notification-service", "orderflow.order.events.notification-service.dlt"));
		assertThat(TOPOLOGY.replaying()).extracting(Replaying::group, Replaying::topic)
			.containsExactlyInAnyOrder(tuple("order-service", "orderflow.payment.events.order-service.replay"),
					tuple("payment-service", "orderflow.order.events.payment-service.replay"),
					tuple("notification-service", "orderflow.order.events.notification-service.replay"));
		assertThat(TOPOLOGY.services()).containsExactlyInAnyOrder("order-service", "payment-service",
				"notification-service");
	}

	@Test
	void everyOperationOfTheDocumentHasItsAcl() {
		JsonNode document = document();
		for (var operation : document.path("operations").properties()) {
			JsonNode channel = channelOf(document, operation.getValue());
			String topic = channel.path("address").asString();
			if (operation.getValue().path("action").asString().equals("receive")) {
				String group = operation.getValue().at("/bindings/kafka/groupId/const").asString();
				assertThat(SERVICE_ACLS).as(operation.getKey())
					.contains(acl(group, ResourceType.TOPIC, topic, AclOperation.READ),
							acl(group, ResourceType.GROUP, group, AclOperation.READ));
			}
			else {
				assertThat(SERVICE_ACLS).as(operation.getKey())
					.filteredOn(
							acl -> acl.pattern().name().equals(topic) && acl.entry().operation() == AclOperation.WRITE)
					.hasSize(1);
			}
		}
	}

	@Test
	void noAclGrantsWhatTheDocumentDoesNotJustify() {
		JsonNode document = document();
		List<AclBinding> justified = new ArrayList<>();
		for (var operation : document.path("operations").properties()) {
			JsonNode channel = channelOf(document, operation.getValue());
			String topic = channel.path("address").asString();
			boolean replay = isTagged(channel, "replay");
			if (operation.getValue().path("action").asString().equals("receive")) {
				String group = operation.getValue().at("/bindings/kafka/groupId/const").asString();
				justified.add(acl(group, ResourceType.TOPIC, topic, AclOperation.READ));
				justified.add(acl(group, ResourceType.GROUP, group, AclOperation.READ));
				if (replay) {
					continue;
				}
				// its dead-letter topic: written after bounded retries, read by the
				// dead-letter admin API
				String deadLetterTopic = DeadLetterTopics.of(topic, group);
				justified.add(acl(group, ResourceType.TOPIC, deadLetterTopic, AclOperation.WRITE));
				justified.add(acl(group, ResourceType.TOPIC, deadLetterTopic, AclOperation.READ));
				// its replay topic: written on an operator's replay, read by its listener
				String replayTopic = ReplayTopics.of(topic, group);
				justified.add(acl(group, ResourceType.TOPIC, replayTopic, AclOperation.WRITE));
				justified.add(acl(group, ResourceType.TOPIC, replayTopic, AclOperation.READ));
			}
			else if (!replay) {
				String producer = operation.getValue()
					.at("/messages/0")
					.path("$ref")
					.asString()
					.replaceFirst("#/channels/[^/]+/messages/", "");
				JsonNode source = document.at("/components/messages/" + producer + "/headers/properties/ce_source");
				if (source.has("const")) {
					justified.add(acl(source.get("const").asString().replace("/orderflow/", ""), ResourceType.TOPIC,
							topic, AclOperation.WRITE));
				}
			}
		}
		assertThat(SERVICE_ACLS).containsExactlyInAnyOrderElementsOf(justified.stream().distinct().toList());
	}

	@Test
	void everyDeadLetterAndReplayTopicOfAConsumerGroupIsInTheDocument() {
		for (Subscription subscription : TOPOLOGY.subscriptions()) {
			assertThat(TOPOLOGY.deadLetterTopics()).as(subscription.operation())
				.contains(DeadLetterTopics.of(subscription.topic(), subscription.group()));
			assertThat(TOPOLOGY.replayTopics()).as(subscription.operation())
				.contains(ReplayTopics.of(subscription.topic(), subscription.group()));
		}
	}

	@Test
	void noServiceWritesATopicItConsumesNorAnotherGroupsReplayTopic() {
		for (Subscription subscription : TOPOLOGY.subscriptions()) {
			assertThat(SERVICE_ACLS).as(subscription.operation())
				.doesNotContain(
						acl(subscription.group(), ResourceType.TOPIC, subscription.topic(), AclOperation.WRITE));
			String replayTopic = ReplayTopics.of(subscription.topic(), subscription.group());
			assertThat(SERVICE_ACLS).as(replayTopic)
				.filteredOn(acl -> acl.pattern().name().equals(replayTopic))
				.extracting(acl -> acl.entry().principal(), acl -> acl.entry().operation())
				.containsExactlyInAnyOrder(tuple("User:" + subscription.group(), AclOperation.WRITE),
						tuple("User:" + subscription.group(), AclOperation.READ));
		}
	}

	@Test
	void nothingOnTheClusterNoWildcardNoDenyNoSuperpower() {
		List<AclBinding> all = new ArrayList<>(SERVICE_ACLS);
		all.addAll(LeastPrivilegeAcls.forViewer(TOPOLOGY, "console", "orderflow-console"));
		assertThat(all).allSatisfy(acl -> {
			assertThat(acl.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
			assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
			assertThat(acl.pattern().name()).isNotEqualTo("*");
			assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
			assertThat(acl.entry().operation()).isIn(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
		});
	}

	@Test
	void theViewerReadsEveryTopicInItsGroupAndSeesTheServicesGroupsButWritesNothing() {
		List<AclBinding> viewer = LeastPrivilegeAcls.forViewer(TOPOLOGY, "console", "orderflow-console");

		assertThat(viewer).extracting(acl -> acl.entry().principal()).containsOnly("User:console");
		assertThat(viewer).noneMatch(acl -> acl.entry().operation() == AclOperation.WRITE);
		assertThat(viewer).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.TOPIC)
			.extracting(acl -> acl.pattern().name())
			.containsExactlyInAnyOrderElementsOf(TOPOLOGY.topics());
		assertThat(viewer).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
			.extracting(acl -> acl.pattern().name(), acl -> acl.entry().operation())
			.containsExactlyInAnyOrder(tuple("orderflow-console", AclOperation.READ),
					tuple("order-service", AclOperation.DESCRIBE), tuple("payment-service", AclOperation.DESCRIBE),
					tuple("notification-service", AclOperation.DESCRIBE));
	}

	@Test
	void theFaultInjectorWritesTheTopicsServicesPublishAndNothingElse() {
		List<AclBinding> injector = LeastPrivilegeAcls.forFaultInjector(TOPOLOGY, "fault-injector");

		assertThat(injector).extracting(acl -> acl.entry().principal()).containsOnly("User:fault-injector");
		assertThat(injector).extracting(acl -> acl.entry().operation()).containsOnly(AclOperation.WRITE);
		assertThat(injector).extracting(acl -> acl.pattern().name())
			.containsExactlyInAnyOrder("orderflow.order.events", "orderflow.payment.events");
	}

	@Test
	void aDocumentThatLeavesTheProducerOrTheGroupOpenIsRefused() {
		String noSource = """
				channels:
				  events: {address: some.events}
				operations:
				  publish:
				    action: send
				    channel: {$ref: '#/channels/events'}
				    messages: [{$ref: '#/components/messages/event'}]
				components:
				  messages:
				    event: {headers: {properties: {}}}
				""";
		String noGroup = """
				channels:
				  events: {address: some.events}
				operations:
				  consume:
				    action: receive
				    channel: {$ref: '#/channels/events'}
				""";
		String foreignDeadLetterTopic = """
				channels:
				  dlt: {address: some.events.nobody.dlt, tags: [{name: dead-letter}]}
				operations:
				  deadLetter:
				    action: send
				    channel: {$ref: '#/channels/dlt'}
				""";
		String foreignReplayTopic = """
				channels:
				  events: {address: some.events}
				  replay: {address: some.events.nobody.replay, tags: [{name: replay}]}
				operations:
				  consume:
				    action: receive
				    channel: {$ref: '#/channels/events'}
				    bindings: {kafka: {groupId: {const: somebody}}}
				  replayToNobody:
				    action: send
				    channel: {$ref: '#/channels/replay'}
				""";
		String anotherGroupReadsTheReplayTopic = """
				channels:
				  events: {address: some.events}
				  replay: {address: some.events.somebody.replay, tags: [{name: replay}]}
				operations:
				  consume:
				    action: receive
				    channel: {$ref: '#/channels/events'}
				    bindings: {kafka: {groupId: {const: somebody}}}
				  alsoConsume:
				    action: receive
				    channel: {$ref: '#/channels/events'}
				    bindings: {kafka: {groupId: {const: somebody-else}}}
				  readSomebodysReplays:
				    action: receive
				    channel: {$ref: '#/channels/replay'}
				    bindings: {kafka: {groupId: {const: somebody-else}}}
				""";

		assertThatIllegalStateException().isThrownBy(() -> EventTopology.parse(noSource))
			.withMessageContaining("publish");
		assertThatIllegalStateException().isThrownBy(() -> EventTopology.parse(noGroup))
			.withMessageContaining("consume");
		assertThatIllegalStateException().isThrownBy(() -> EventTopology.parse(foreignDeadLetterTopic))
			.withMessageContaining("deadLetter");
		assertThatIllegalStateException().isThrownBy(() -> EventTopology.parse(foreignReplayTopic))
			.withMessageContaining("replayToNobody")
			.withMessageContaining("replay topic of no consumer group");
		assertThatIllegalStateException().isThrownBy(() -> EventTopology.parse(anotherGroupReadsTheReplayTopic))
			.withMessageContaining("readSomebodysReplays")
			.withMessageContaining("replay topic of somebody;");
	}

	@Test
	void theTopicsAreTheDocumentsChannels() {
		assertThat(TOPOLOGY.topics()).containsExactlyInAnyOrder("orderflow.order.events", "orderflow.payment.events",
				"orderflow.order.events.payment-service.dlt", "orderflow.order.events.notification-service.dlt",
				"orderflow.payment.events.order-service.dlt", "orderflow.order.events.payment-service.replay",
				"orderflow.order.events.notification-service.replay", "orderflow.payment.events.order-service.replay");
		assertThat(TOPOLOGY.deadLetterTopics()).allMatch(topic -> topic.endsWith(".dlt"));
		assertThat(TOPOLOGY.replayTopics()).hasSize(3).allMatch(topic -> topic.endsWith(".replay"));
		assertThat(Set.copyOf(TOPOLOGY.topics())).containsAll(TOPOLOGY.deadLetterTopics())
			.containsAll(TOPOLOGY.replayTopics());
	}

	private static AclBinding acl(String user, ResourceType type, String name, AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
				new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
	}

	private static boolean isTagged(JsonNode channel, String tag) {
		return channel.path("tags").valueStream().anyMatch(node -> tag.equals(node.path("name").asString()));
	}

	private static JsonNode channelOf(JsonNode document, JsonNode operation) {
		return document.at(operation.at("/channel/$ref").asString().substring(1));
	}

	private static JsonNode document() {
		try (InputStream in = LeastPrivilegeAclsTest.class.getClassLoader()
			.getResourceAsStream(EventTopology.DOCUMENT)) {
			return YAMLMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
