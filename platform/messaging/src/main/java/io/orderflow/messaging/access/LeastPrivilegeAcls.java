package io.orderflow.messaging.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of each orderflow principal, the least that lets it do what the AsyncAPI
 * document says ({@link EventTopology}), all literal, host {@code *}, allow:
 * <ul>
 * <li>a service: WRITE on the event topics it publishes, READ on those it consumes and on
 * its consumer group, WRITE and READ on its dead-letter topics (the dead-letter admin API
 * reads them) and on its replay topics (the admin API replays its dead letters there, its
 * listener reads them). Never WRITE on a topic it consumes: a replay does not need it.
 * READ and WRITE imply DESCRIBE, which metadata and offsets need. Nothing on the cluster:
 * the idempotent producer's {@code InitProducerId} is allowed by WRITE on any topic
 * (KIP-679), and no service uses transactions.</li>
 * <li>the console: READ on every topic, dead-letter and replay topics included, and on
 * its own group; DESCRIBE on the services' groups, to show their lag. It cannot
 * write.</li>
 * <li>a fault injector (the local demo's poison button): WRITE on the event topics, and
 * nothing else. Only the local stack creates it.</li>
 * </ul>
 * No principal but the administrator may create topics or change ACLs.
 */
public final class LeastPrivilegeAcls {

	private LeastPrivilegeAcls() {
	}

	/** The Kafka principal of a service, whose user name is the service's name. */
	public static String principal(String user) {
		return "User:" + user;
	}

	/** What every service of the topology may do. */
	public static List<AclBinding> forServices(EventTopology topology) {
		Set<AclBinding> acls = new LinkedHashSet<>();
		topology.publications()
			.forEach(publication -> acls.add(topic(publication.service(), publication.topic(), AclOperation.WRITE)));
		topology.subscriptions().forEach(subscription -> {
			acls.add(topic(subscription.group(), subscription.topic(), AclOperation.READ));
			acls.add(group(subscription.group(), subscription.group(), AclOperation.READ));
		});
		topology.deadLettering().forEach(dlt -> acls.addAll(writeAndRead(dlt.group(), dlt.topic())));
		topology.replaying().forEach(replay -> acls.addAll(writeAndRead(replay.group(), replay.topic())));
		return List.copyOf(acls);
	}

	/**
	 * What a read-only viewer may do: read every topic of the topology in its own group,
	 * and see the services' groups' offsets.
	 * @param user the viewer's Kafka user
	 * @param group the consumer group it reads in
	 */
	public static List<AclBinding> forViewer(EventTopology topology, String user, String group) {
		Set<AclBinding> acls = new LinkedHashSet<>();
		topology.topics().forEach(topic -> acls.add(topic(user, topic, AclOperation.READ)));
		acls.add(group(user, group, AclOperation.READ));
		topology.subscriptions()
			.forEach(subscription -> acls.add(group(user, subscription.group(), AclOperation.DESCRIBE)));
		return List.copyOf(acls);
	}

	/**
	 * What a fault injector may do: write records (poison, in the demo) to every topic a
	 * service publishes, read nothing.
	 * @param user its Kafka user
	 */
	public static List<AclBinding> forFaultInjector(EventTopology topology, String user) {
		return topology.publications()
			.stream()
			.map(publication -> topic(user, publication.topic(), AclOperation.WRITE))
			.distinct()
			.toList();
	}

	private static List<AclBinding> writeAndRead(String user, String topic) {
		return List.of(topic(user, topic, AclOperation.WRITE), topic(user, topic, AclOperation.READ));
	}

	private static AclBinding topic(String user, String topic, AclOperation operation) {
		return allow(user, ResourceType.TOPIC, topic, operation);
	}

	private static AclBinding group(String user, String group, AclOperation operation) {
		return allow(user, ResourceType.GROUP, group, operation);
	}

	private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
		return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
				new AccessControlEntry(principal(user), "*", operation, AclPermissionType.ALLOW));
	}

}
