package io.orderflow.systemtest.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.localstack.OrderflowService;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TopicDeclarations;
import io.orderflow.messaging.access.BrokerProvisioning;
import io.orderflow.messaging.access.EventTopology;
import io.orderflow.messaging.access.LeastPrivilegeAcls;
import io.orderflow.systemtest.compose.ServiceConfiguration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.orderflow.systemtest.k8s.RenderedOverlay.at;
import static io.orderflow.systemtest.k8s.RenderedOverlay.listAt;
import static io.orderflow.systemtest.k8s.RenderedOverlay.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered overlays of deploy/k8s agree with the services' configuration, as
 * ComposeConsistencyTest holds docker-compose.yml to it: ports and probes against each
 * service's application.yml and health groups, environment variables against the
 * properties the service really has ({@link ServiceConfiguration}, Spring's relaxed
 * binding), topics and Kafka users' ACLs against the AsyncAPI document
 * ({@link EventTopology}, {@link LeastPrivilegeAcls}), databases and roles against the
 * JDBC settings, secrets referenced and never written.
 */
@DisplayName("The Kubernetes overlays agree with the services' configuration (static, no cluster)")
class K8sManifestConsistencyTest {

	private static final EventTopology TOPOLOGY = EventTopology.fromAsyncApi();

	private static final String CONFIG_TREE = "/run/secrets";

	static Stream<RenderedOverlay> overlays() {
		return RenderedOverlay.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("each service listens on its application.yml port, and is probed on its management port's health groups")
	void portsAndProbesMatchTheServices(RenderedOverlay overlay) {
		for (OrderflowService service : OrderflowService.values()) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			Map<String, Object> container = container(overlay, service);
			Map<String, Integer> ports = containerPorts(container);
			int http = Integer.parseInt(configuration.yaml("server.port").orElseThrow());
			assertThat(ports).as(service.moduleName() + ": container ports")
				.containsEntry("http", http)
				.containsEntry("management", service.demoManagementPort())
				.hasSize(2);
			assertThat(http).as("the local stack's port").isEqualTo(service.demoPort());
			Map<String, String> env = env(overlay, container);
			assertThat(env).as(service.moduleName() + ": ports it is told")
				.containsEntry("SERVER_PORT", String.valueOf(http))
				.containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(service.demoManagementPort()));
			assertThat(configuration.yaml("management.endpoint.health.probes.enabled"))
				.as(service.moduleName() + " exposes the liveness and readiness groups")
				.contains("true");
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				Object port = at(container, probe, "httpGet", "port")
					.orElseThrow(() -> new AssertionError(service.moduleName() + " has no " + probe));
				assertThat(ports.get(String.valueOf(port))).as(service.moduleName() + ": " + probe + "'s port")
					.isEqualTo(service.demoManagementPort());
				assertThat(at(container, probe, "httpGet", "path")).as(service.moduleName() + ": " + probe)
					.contains(probe.equals("readinessProbe") ? "/actuator/health/readiness"
							: "/actuator/health/liveness");
			}
			Map<String, Object> kubernetesService = overlay.get("Service", service.moduleName());
			for (Object port : listAt(kubernetesService, "spec", "ports")) {
				assertThat(ports).as(service.moduleName() + "'s Service targets a named container port")
					.containsKey(String.valueOf(at(port, "targetPort").orElseThrow()));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("every environment variable of a service container sets a property that service has")
	void everyEnvironmentVariableSetsARealProperty(RenderedOverlay overlay) {
		List<String> unknown = new ArrayList<>();
		for (OrderflowService service : OrderflowService.values()) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			env(overlay, container(overlay, service)).forEach((variable, value) -> {
				if (configuration.propertySetBy(variable, value).isEmpty()) {
					unknown
						.add(service.moduleName() + ": " + variable + " (searched " + configuration.searched() + ")");
				}
			});
		}
		assertThat(unknown).as("environment variables no property of the service binds").isEmpty();
	}

	/**
	 * Each service logs in to its own database as the role owning it, and to Kafka as its
	 * own user, both passwords files of its config tree from the Secrets CloudNativePG
	 * and Strimzi read too.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("each service logs in as its database's owner and its own Kafka user, with the Secrets those are made with")
	void eachServiceLogsInWithTheSecretsItsLoginsAreMadeWith(RenderedOverlay overlay) {
		Map<String, Object> cluster = overlay.ofKind("Cluster").getFirst();
		Map<String, String> rolePasswords = new LinkedHashMap<>();
		listAt(cluster, "spec", "managed", "roles")
			.forEach(role -> rolePasswords.put(String.valueOf(at(role, "name").orElseThrow()),
					String.valueOf(at(role, "passwordSecret", "name").orElseThrow())));
		for (OrderflowService service : OrderflowService.values()) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			Map<String, Object> container = container(overlay, service);
			Map<String, String> env = env(overlay, container);
			String role = env.get("SPRING_DATASOURCE_USERNAME");
			assertThat(role).as(service.moduleName() + ": database role")
				.isEqualTo(configuration.yaml("spring.datasource.username").orElseThrow())
				.isEqualTo(service.database());
			assertThat(env.get("SPRING_DATASOURCE_URL")).as(service.moduleName() + ": the cluster's primary")
				.isEqualTo("jdbc:postgresql://" + RenderedOverlay.nameOf(cluster) + "-rw:5432/" + service.database());
			Map<String, Object> database = overlay.get("Database", service.moduleName());
			assertThat(at(database, "spec", "name")).contains(service.database());
			assertThat(at(database, "spec", "owner")).as("owned by the service's role").contains(role);
			assertThat(at(database, "spec", "cluster", "name")).contains(RenderedOverlay.nameOf(cluster));
			assertThat(env.get("SPRING_CONFIG_IMPORT")).as(service.moduleName() + ": reads its config tree")
				.isEqualTo("configtree:" + CONFIG_TREE + "/");
			Map<String, String> tree = configTree(overlay, service);
			assertThat(tree).as(service.moduleName() + ": config tree files → Secrets")
				.containsOnlyKeys("spring.datasource.password", "orderflow.kafka.password")
				.containsEntry("spring.datasource.password", rolePasswords.get(role) + "/password");
			Map<String, Object> user = overlay.get("KafkaUser", service.moduleName());
			assertThat(tree.get("orderflow.kafka.password")).as(service.moduleName() + ": its Kafka user's password")
				.isEqualTo(at(user, "spec", "authentication", "password", "valueFrom", "secretKeyRef", "name")
					.orElseThrow() + "/"
						+ at(user, "spec", "authentication", "password", "valueFrom", "secretKeyRef", "key")
							.orElseThrow());
			assertThat(configuration.yaml("spring.kafka.properties.[sasl.jaas.config]"))
				.as(service.moduleName() + " logs in as the Kafka user of its name")
				.hasValueSatisfying(jaas -> assertThat(jaas).contains("username=\"" + service.moduleName() + "\""));
			for (Object variable : listAt(container, "env")) {
				if (String.valueOf(at(variable, "name").orElseThrow()).matches(".*(PASSWORD|SECRET|API_KEY).*")) {
					assertThat(at(variable, "valueFrom", "secretKeyRef")).as(service.moduleName() + ": " + variable)
						.isPresent();
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("Kafka: SCRAM logins under ACLs, the services' bootstrap address, replication fitting the nodes")
	void theBrokerTakesLoginsAndReplicatesAsItsNodesAllow(RenderedOverlay overlay) {
		Map<String, Object> kafka = overlay.ofKind("Kafka").getFirst();
		List<Object> listeners = listAt(kafka, "spec", "kafka", "listeners");
		assertThat(listeners).as("listeners").hasSize(1);
		Object listener = listeners.getFirst();
		assertThat(at(listener, "authentication", "type")).contains("scram-sha-512");
		assertThat(at(listener, "tls")).as("SASL_PLAINTEXT, as application.yml says").contains(false);
		assertThat(at(kafka, "spec", "kafka", "authorization", "type")).contains("simple");
		assertThat(listAt(kafka, "spec", "kafka", "authorization", "superUsers")).containsExactly("admin");
		String bootstrap = RenderedOverlay.nameOf(kafka) + "-kafka-bootstrap:" + at(listener, "port").orElseThrow();
		for (OrderflowService service : OrderflowService.values()) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			assertThat(env(overlay, container(overlay, service)).get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
				.as(service.moduleName() + ": bootstrap servers")
				.isEqualTo(bootstrap);
			assertThat(configuration.yaml("spring.kafka.security.protocol")).contains("SASL_PLAINTEXT");
			assertThat(configuration.yaml("spring.kafka.properties.[sasl.mechanism]")).contains("SCRAM-SHA-512");
		}
		int nodes = overlay.ofKind("KafkaNodePool")
			.stream()
			.mapToInt(pool -> ((Number) at(pool, "spec", "replicas").orElseThrow()).intValue())
			.sum();
		Map<String, Object> config = mapAt(kafka, "spec", "kafka", "config");
		assertThat(config).as(overlay + ": broker settings for " + nodes + " nodes")
			.containsEntry("auto.create.topics.enable", false)
			.containsEntry("default.replication.factor", nodes)
			.containsEntry("offsets.topic.replication.factor", nodes)
			.containsEntry("transaction.state.log.replication.factor", nodes)
			.containsEntry("min.insync.replicas", Math.max(1, nodes - 1))
			.containsEntry("transaction.state.log.min.isr", Math.max(1, nodes - 1));
		assertThat(nodes).as(overlay + ": Kafka nodes").isEqualTo(overlay.name().equals("dev") ? 1 : 3);
		overlay.ofKind("KafkaTopic")
			.forEach(topic -> assertThat(at(topic, "spec", "replicas")).as(RenderedOverlay.nameOf(topic) + " replicas")
				.contains(nodes));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("a KafkaTopic per topic of the AsyncAPI document, made as BrokerProvisioning makes it")
	void topicsAreTheAsyncApiDocumentsMadeAsProvisioningMakesThem(RenderedOverlay overlay) {
		MessagingProperties.Topics settings = MessagingProperties.defaults().topics();
		Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
		overlay.ofKind("KafkaTopic")
			.forEach(topic -> topics
				.put(String.valueOf(at(topic, "spec", "topicName").orElse(RenderedOverlay.nameOf(topic))), topic));
		assertThat(topics.keySet()).as(overlay + ": topics").containsExactlyInAnyOrderElementsOf(TOPOLOGY.topics());
		assertThat(TOPOLOGY.deadLetterTopics()).as("dead-letter topics").isNotEmpty();
		assertThat(TOPOLOGY.replayTopics()).as("replay topics").isNotEmpty();
		String cluster = RenderedOverlay.nameOf(overlay.ofKind("Kafka").getFirst());
		topics.forEach((name, topic) -> {
			NewTopic declared = TOPOLOGY.deadLetterTopics().contains(name)
					? TopicDeclarations.deadLetterTopic(name, settings) : TopicDeclarations.eventTopic(name, settings);
			assertThat(at(topic, "spec", "partitions")).as(name + " partitions").contains(declared.numPartitions());
			Map<String, String> config = new LinkedHashMap<>();
			mapAt(topic, "spec", "config").forEach((key, value) -> config.put(key, String.valueOf(value)));
			assertThat(config).as(name + " config").isEqualTo(declared.configs());
			assertThat(at(topic, "metadata", "labels", "strimzi.io/cluster")).as(name + ": its Kafka cluster")
				.contains(cluster);
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("a KafkaUser per service and the console, with exactly the ACLs LeastPrivilegeAcls derives")
	void kafkaUsersHaveTheLeastPrivilegeAcls(RenderedOverlay overlay) {
		Set<String> expected = new TreeSet<>();
		List<AclBinding> bindings = new ArrayList<>(LeastPrivilegeAcls.forServices(TOPOLOGY));
		bindings.addAll(LeastPrivilegeAcls.forViewer(TOPOLOGY, BrokerProvisioning.Viewer.CONSOLE.user(),
				BrokerProvisioning.Viewer.CONSOLE.group()));
		for (AclBinding binding : bindings) {
			expected.add(acl(binding.entry().principal().substring("User:".length()),
					binding.pattern().resourceType().name().toLowerCase(java.util.Locale.ROOT),
					binding.pattern().name(), binding.pattern().patternType().name().toLowerCase(java.util.Locale.ROOT),
					binding.entry().host(), binding.entry().permissionType().name().toLowerCase(java.util.Locale.ROOT),
					binding.entry().operation().name()));
		}
		Set<String> granted = new TreeSet<>();
		Set<String> users = new TreeSet<>();
		for (Map<String, Object> user : overlay.ofKind("KafkaUser")) {
			String name = RenderedOverlay.nameOf(user);
			users.add(name);
			assertThat(at(user, "spec", "authentication", "type")).as(name).contains("scram-sha-512");
			assertThat(at(user, "spec", "authentication", "password", "valueFrom", "secretKeyRef", "name"))
				.as(name + ": its password is a Secret it references")
				.isPresent();
			for (Object rule : listAt(user, "spec", "authorization", "acls")) {
				for (Object operation : listAt(rule, "operations")) {
					granted.add(acl(name, String.valueOf(at(rule, "resource", "type").orElseThrow()),
							String.valueOf(at(rule, "resource", "name").orElseThrow()),
							String.valueOf(at(rule, "resource", "patternType").orElse("literal")),
							String.valueOf(at(rule, "host").orElse("*")),
							String.valueOf(at(rule, "type").orElse("allow")),
							String.valueOf(operation).toUpperCase(java.util.Locale.ROOT)));
				}
			}
		}
		Set<String> expectedUsers = new TreeSet<>(TOPOLOGY.services());
		expectedUsers.add(BrokerProvisioning.Viewer.CONSOLE.user());
		expectedUsers.add("admin");
		assertThat(users).as(overlay + ": Kafka users").isEqualTo(expectedUsers);
		assertThat(granted).as(overlay + ": ACLs of the KafkaUsers").isEqualTo(expected);
		assertThat(at(overlay.get("KafkaUser", "admin"), "spec", "authorization")).as("the super user needs no ACLs")
			.isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("overlays")
	@DisplayName("simulators in dev only; production-like has budgets, limits, autoscalers within the partitions, policies")
	void eachOverlayHasItsShape(RenderedOverlay overlay) {
		boolean dev = overlay.name().equals("dev");
		Map<String, Object> endpoints = mapAt(overlay.get("ConfigMap", "orderflow-endpoints"), "data");
		assertThat(overlay.find("Deployment", "payment-provider").isPresent()).as(overlay + ": the provider simulator")
			.isEqualTo(dev);
		assertThat(overlay.find("Deployment", "mail-server").isPresent()).as(overlay + ": the mail server simulator")
			.isEqualTo(dev);
		if (dev) {
			assertThat(endpoints).containsEntry("payment-provider-url", "http://payment-provider:8090")
				.containsEntry("smtp-host", "mail-server")
				.containsEntry("smtp-port", "1025");
		}
		assertThat(at(overlay.ofKind("Cluster").getFirst(), "spec", "instances")).as(overlay + ": PostgreSQL instances")
			.contains(dev ? 1 : 3);
		for (OrderflowService service : OrderflowService.values()) {
			String name = service.moduleName();
			Map<String, Object> deployment = overlay.get("Deployment", name);
			int replicas = ((Number) at(deployment, "spec", "replicas").orElseThrow()).intValue();
			assertThat(container(overlay, service)).as(name + ": runs as non-root on a read-only root")
				.satisfies(container -> assertThat(at(container, "securityContext", "readOnlyRootFilesystem"))
					.contains(true));
			assertThat(at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).contains(true);
			if (dev) {
				assertThat(replicas).as(overlay + ": " + name + " replicas").isEqualTo(1);
				continue;
			}
			assertThat(replicas).as(overlay + ": " + name + " replicas").isGreaterThanOrEqualTo(2);
			assertThat(mapAt(container(overlay, service), "resources")).as(name + ": requests and limits")
				.containsKeys("requests", "limits");
			assertThat(at(overlay.get("PodDisruptionBudget", name), "spec", "selector", "matchLabels",
					"app.kubernetes.io/name"))
				.contains(name);
			assertThat(at(overlay.get("NetworkPolicy", name), "spec", "podSelector", "matchLabels",
					"app.kubernetes.io/name"))
				.contains(name);
			Map<String, Object> autoscaler = overlay.get("HorizontalPodAutoscaler", name);
			assertThat(at(autoscaler, "spec", "scaleTargetRef", "name")).contains(name);
			assertThat(at(autoscaler, "spec", "metrics", 0, "type")).as(name + " scales on an External metric")
				.contains("External");
			assertThat(at(autoscaler, "spec", "metrics", 0, "external", "metric", "selector", "matchLabels",
					"consumergroup"))
				.as(name + " scales on its own group's lag")
				.contains(name);
			assertThat(((Number) at(autoscaler, "spec", "minReplicas").orElseThrow()).intValue()).isEqualTo(replicas);
			assertThat(((Number) at(autoscaler, "spec", "maxReplicas").orElseThrow()).intValue())
				.as(name + ": at most one consumer per partition of what it consumes")
				.isLessThanOrEqualTo(partitionsConsumedBy(overlay, name));
		}
	}

	/** The fewest partitions of the topics a group consumes. */
	private static int partitionsConsumedBy(RenderedOverlay overlay, String group) {
		Set<String> consumed = TOPOLOGY.subscriptions()
			.stream()
			.filter(subscription -> subscription.group().equals(group))
			.map(EventTopology.Subscription::topic)
			.collect(Collectors.toSet());
		assertThat(consumed).as(group + " consumes").isNotEmpty();
		return overlay.ofKind("KafkaTopic")
			.stream()
			.filter(topic -> consumed.contains(RenderedOverlay.nameOf(topic)))
			.mapToInt(topic -> ((Number) at(topic, "spec", "partitions").orElseThrow()).intValue())
			.min()
			.orElseThrow();
	}

	private static String acl(String user, String type, String resource, String pattern, String host, String permission,
			String operation) {
		return String.join(" ", user, permission, operation, type, resource, pattern, host);
	}

	private static Map<String, Object> container(RenderedOverlay overlay, OrderflowService service) {
		List<Object> containers = listAt(overlay.get("Deployment", service.moduleName()), "spec", "template", "spec",
				"containers");
		assertThat(containers).as(service.moduleName() + ": containers").hasSize(1);
		return mapAt(containers.getFirst());
	}

	/** Container port name → number. */
	private static Map<String, Integer> containerPorts(Map<String, Object> container) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		listAt(container, "ports").forEach(port -> ports.put(String.valueOf(at(port, "name").orElseThrow()),
				((Number) at(port, "containerPort").orElseThrow()).intValue()));
		return ports;
	}

	/**
	 * The container's variables with their values: a ConfigMap's value where it names one
	 * (of this overlay), a placeholder for a Secret's.
	 */
	private static Map<String, String> env(RenderedOverlay overlay, Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Object variable : listAt(container, "env")) {
			String name = String.valueOf(at(variable, "name").orElseThrow());
			Optional<Object> value = at(variable, "value");
			Optional<Object> configMap = at(variable, "valueFrom", "configMapKeyRef", "name");
			if (value.isPresent()) {
				env.put(name, String.valueOf(value.get()));
			}
			else if (configMap.isPresent()) {
				String key = String.valueOf(at(variable, "valueFrom", "configMapKeyRef", "key").orElseThrow());
				env.put(name, String
					.valueOf(at(overlay.get("ConfigMap", String.valueOf(configMap.get())), "data", key).orElseThrow(
							() -> new AssertionError(name + ": ConfigMap " + configMap.get() + " has no " + key))));
			}
			else {
				assertThat(at(variable, "valueFrom", "secretKeyRef", "name")).as(name + ": value, ConfigMap or Secret")
					.isPresent();
				env.put(name, "secret");
			}
		}
		return env;
	}

	/**
	 * The files of the service's config tree ({@code /run/secrets}) → the Secret and key
	 * each comes from.
	 */
	private static Map<String, String> configTree(RenderedOverlay overlay, OrderflowService service) {
		Map<String, Object> pod = mapAt(overlay.get("Deployment", service.moduleName()), "spec", "template", "spec");
		String volume = listAt(container(overlay, service), "volumeMounts").stream()
			.filter(mount -> at(mount, "mountPath").filter(CONFIG_TREE::equals).isPresent())
			.map(mount -> String.valueOf(at(mount, "name").orElseThrow()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(service.moduleName() + " mounts nothing at " + CONFIG_TREE));
		Map<String, String> files = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (Object candidate : listAt(pod, "volumes")) {
			if (!at(candidate, "name").filter(volume::equals).isPresent()) {
				continue;
			}
			for (Object source : listAt(candidate, "projected", "sources")) {
				String secret = String.valueOf(at(source, "secret", "name").orElseThrow());
				for (Object item : listAt(source, "secret", "items")) {
					String path = String.valueOf(at(item, "path").orElseThrow());
					assertThat(seen.add(path)).as(service.moduleName() + ": " + path + " once").isTrue();
					files.put(path, secret + "/" + at(item, "key").orElseThrow());
				}
			}
		}
		return files;
	}

}
