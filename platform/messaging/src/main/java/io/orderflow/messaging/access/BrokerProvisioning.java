package io.orderflow.messaging.access;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TopicDeclarations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The admin step of a secured broker, run as its super user before any service starts:
 * creates the topics of the {@link EventTopology} (the services may not), the services'
 * and the viewer's SCRAM users, and their {@link LeastPrivilegeAcls}. Running it again
 * changes nothing but the passwords it is given: a topic that exists stays as it is, an
 * ACL that exists is not added twice.
 */
public final class BrokerProvisioning {

	/** SCRAM iterations of the users it creates (Kafka's minimum is 4096). */
	static final int ITERATIONS = 8192;

	private final Admin admin;

	private final Duration timeout;

	/**
	 * @param admin a client logged in as a super user
	 * @param timeout how long each step may take
	 */
	public BrokerProvisioning(Admin admin, Duration timeout) {
		this.admin = admin;
		this.timeout = timeout;
	}

	/**
	 * Everything: the topics, the users of the services and of the viewer, and their
	 * ACLs.
	 * @param passwordByUser a password for every service of the topology and for the
	 * viewer
	 * @param viewer the read-only user (the console) and the group it reads in
	 */
	public void provision(EventTopology topology, MessagingProperties.Topics settings,
			Map<String, String> passwordByUser, Viewer viewer) {
		createTopics(topology, settings);
		upsertUsers(passwordByUser);
		grant(LeastPrivilegeAcls.forServices(topology));
		grant(LeastPrivilegeAcls.forViewer(topology, viewer.user(), viewer.group()));
	}

	/**
	 * orderflow's broker as the AsyncAPI document of shared-events describes it: its
	 * topics made with the default settings, a user for each service it names and the
	 * console's read-only user, their ACLs.
	 * @param passwordOf the password of each user, by name
	 * @return the users made, with their passwords
	 */
	public Map<String, String> provisionOrderflow(Function<String, String> passwordOf) {
		return provisionOrderflow(MessagingProperties.defaults().topics(), passwordOf);
	}

	/**
	 * {@link #provisionOrderflow(Function)} with topics made as {@code settings} say
	 * (e.g. replicated three times on a cluster).
	 */
	public Map<String, String> provisionOrderflow(MessagingProperties.Topics settings,
			Function<String, String> passwordOf) {
		EventTopology topology = EventTopology.fromAsyncApi();
		Map<String, String> passwords = new LinkedHashMap<>();
		topology.services().forEach(service -> passwords.put(service, passwordOf.apply(service)));
		passwords.put(Viewer.CONSOLE.user(), passwordOf.apply(Viewer.CONSOLE.user()));
		provision(topology, settings, passwords, Viewer.CONSOLE);
		return passwords;
	}

	/**
	 * A read-only user that reads every topic in its own group (the console).
	 *
	 * @param user its Kafka user
	 * @param group the consumer group it reads in
	 */
	public record Viewer(String user, String group) {

		/** orderflow's console: user {@code console}, group {@code orderflow-console}. */
		public static final Viewer CONSOLE = new Viewer("console", "orderflow-console");

	}

	/** The user of the local demo's poison button ({@link #grantFaultInjector}). */
	public static final String FAULT_INJECTOR = "fault-injector";

	/**
	 * A user that may write every topic a service publishes and nothing else
	 * ({@link LeastPrivilegeAcls#forFaultInjector}): the local demo's way to put poison
	 * on a topic. No deployment but the local stack creates it.
	 */
	public void grantFaultInjector(EventTopology topology, String password) {
		upsertUsers(Map.of(FAULT_INJECTOR, password));
		grant(LeastPrivilegeAcls.forFaultInjector(topology, FAULT_INJECTOR));
	}

	/**
	 * Waits until a user provisioned last can do what its ACLs allow: the broker applies
	 * users and ACLs to its caches shortly after the admin's calls return, and a client
	 * refused meanwhile would not try again.
	 * @param clientProperties bootstrap servers and the login of that user
	 * @param topic a topic it may describe
	 */
	public void awaitEffective(Map<String, Object> clientProperties, String topic) {
		long deadline = System.nanoTime() + timeout.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try (Admin user = Admin.create(clientProperties)) {
				if (await(user.describeTopics(List.of(topic)).allTopicNames()).containsKey(topic)) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the broker's ACLs", ex);
			}
		}
		throw new IllegalStateException("The users and ACLs did not take effect within " + timeout, last);
	}

	/**
	 * Creates the event, replay and dead-letter topics of the topology that do not exist
	 * yet, as the services would ({@link TopicDeclarations}; a replay topic as an event
	 * topic), and gives those that exist today's settings (record size limit, retention,
	 * segment roll): a topic made by an older version of orderflow gets what this version
	 * declares, as the services' {@code modify-topic-configs} did when they made their
	 * topics themselves. Partitions are never added: that would move keys to other
	 * partitions and break the order of an aggregate's events.
	 */
	public void createTopics(EventTopology topology, MessagingProperties.Topics settings) {
		List<NewTopic> topics = topology.topics()
			.stream()
			.map(topic -> topology.deadLetterTopics().contains(topic)
					? TopicDeclarations.deadLetterTopic(topic, settings)
					: TopicDeclarations.eventTopic(topic, settings))
			.toList();
		for (KafkaFuture<Void> created : admin.createTopics(topics).values().values()) {
			try {
				await(created);
			}
			catch (IllegalStateException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
		Map<ConfigResource, Collection<AlterConfigOp>> settingsByTopic = new LinkedHashMap<>();
		for (NewTopic topic : topics) {
			settingsByTopic.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
					topic.configs()
						.entrySet()
						.stream()
						.map(config -> new AlterConfigOp(new ConfigEntry(config.getKey(), config.getValue()),
								AlterConfigOp.OpType.SET))
						.toList());
		}
		await(admin.incrementalAlterConfigs(settingsByTopic).all());
	}

	/** Creates the SCRAM-SHA-512 users, or sets their passwords when they exist. */
	public void upsertUsers(Map<String, String> passwordByUser) {
		await(admin
			.alterUserScramCredentials(passwordByUser.entrySet()
				.stream()
				.<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.getValue()))
				.toList())
			.all());
	}

	/** Adds the ACLs; those the broker has already stay as they are. */
	public void grant(Collection<AclBinding> acls) {
		await(admin.createAcls(acls).all());
	}

	private <T> T await(KafkaFuture<T> future) {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The broker refused: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The broker did not answer within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while provisioning the broker", ex);
		}
	}

}
