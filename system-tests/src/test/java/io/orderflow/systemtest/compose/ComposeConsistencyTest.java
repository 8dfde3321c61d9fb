package io.orderflow.systemtest.compose;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.systemtest.compose.ComposeProject.PortMapping;
import io.orderflow.systemtest.compose.ComposeProject.SecretMount;
import io.orderflow.systemtest.compose.ComposeProject.Service;
import io.orderflow.systemtest.compose.ComposeProject.Volume;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.DefaultValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docker-compose.yml, alone and with docker-compose.cluster.yml layered on, agrees with
 * the services' configuration and with itself. Nothing here needs Docker: the files are
 * read as compose would merge them ({@link ComposeProject}), and each service's
 * properties come from its application.yml and its executable jar
 * ({@link ServiceConfiguration}).
 */
@DisplayName("The compose files agree with the services' configuration (static, no Docker)")
class ComposeConsistencyTest {

	/**
	 * {@code host:port} naming another container, in a URL, a listener or a bootstrap
	 * list.
	 */
	private static final Pattern CONTAINER_ADDRESS = Pattern.compile("(?<![\\w.-])([a-z][a-z0-9-]*):(\\d{2,5})\\b");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");

	private static final Pattern LISTENER = Pattern.compile("(\\w+)://([^:,]*):(\\d+)");

	private static final Pattern TOPIC = Pattern.compile("orderflow\\.[a-z0-9-]+\\.events");

	private static final String SECRETS_FOLDER = "deploy/docker/secrets/";

	/** The broker's admin step: topics, users, ACLs. */
	private static final String PROVISIONING = "kafka-provisioning";

	private static final String SECRETS_SCRIPT = "deploy/docker/generate-secrets.sh";

	static Stream<ComposeProject> projects() {
		return Stream.of(ComposeProject.load("docker-compose.yml", "docker-compose.yml"), ComposeProject.load(
				"docker-compose.yml + docker-compose.cluster.yml", "docker-compose.yml", "docker-compose.cluster.yml"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("every environment variable of a service container sets a property that service has")
	void everyEnvironmentVariableSetsARealProperty(ComposeProject compose) {
		List<String> unknown = new ArrayList<>();
		for (Service container : springServices(compose)) {
			ServiceConfiguration configuration = configuration(container);
			container.environment().forEach((variable, value) -> {
				if (configuration.propertySetBy(variable, value).isEmpty()) {
					unknown.add(container.name() + ": " + variable + " (searched " + configuration.searched() + ")");
				}
			});
		}
		assertThat(unknown)
			.as("environment variables no property of the service binds: the service would ignore " + "them")
			.isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("each service listens on its port, is published there, and is health-checked on its unpublished management port")
	void servicesListenWhereEverythingExpectsThem(ComposeProject compose) {
		for (Service container : springServices(compose)) {
			OrderflowService service = service(container);
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			int port = serverPort(container);
			assertThat(port).as(container.name() + ": SERVER_PORT, application.yml and the local stack's port")
				.isEqualTo(Integer.parseInt(configuration.yaml("server.port").orElseThrow()))
				.isEqualTo(service.demoPort());
			int managementPort = managementPort(container);
			assertThat(managementPort).as(container.name() + ": MANAGEMENT_SERVER_PORT and the local stack's")
				.isEqualTo(service.demoManagementPort())
				.isNotEqualTo(port);
			assertThat(container.ports()).as(container.name() + ": published container ports (not the management port)")
				.extracting(PortMapping::containerPort)
				.containsOnly(port);
			assertThat(container.buildArgs().get("HEALTHCHECK_URL")).as(container.name() + ": health check URL")
				.isEqualTo("http://localhost:" + managementPort + "/actuator/health/readiness");
			assertThat(configuration.yaml("management.endpoint.health.probes.enabled"))
				.as(service.moduleName() + " exposes /actuator/health/readiness")
				.contains("true");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("each service logs in to its own database as the role that owns it, with its secret as the password")
	void eachServiceLogsInAsItsDatabasesOwner(ComposeProject compose) {
		Map<String, String> created = createdDatabases();
		for (Service container : springServices(compose)) {
			OrderflowService service = service(container);
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			Matcher url = matchJdbcUrl(container.name(), container.env("SPRING_DATASOURCE_URL").orElseThrow());
			Matcher configured = matchJdbcUrl(service.moduleName() + "'s application.yml",
					configuration.yaml("spring.datasource.url").orElseThrow());
			Service postgres = compose.service(url.group(1));
			assertThat(postgres.image()).as(container.name() + ": the database host runs PostgreSQL")
				.hasValueSatisfying(image -> assertThat(image).startsWith("postgres:"));
			assertThat(listeningPorts(postgres)).as(container.name() + ": the database port")
				.contains(Integer.parseInt(url.group(2)));
			String database = url.group(3);
			assertThat(database).as(container.name() + ": database")
				.isEqualTo(configured.group(3))
				.isEqualTo(service.database())
				.isIn(created.keySet());
			assertThat(container.env("SPRING_DATASOURCE_USERNAME"))
				.as(container.name() + ": logs in as the role the init script makes its database's owner")
				.contains(database)
				.isNotEqualTo(postgres.env("POSTGRES_USER"));
			assertThat(configuration.yaml("spring.datasource.username"))
				.as(service.moduleName() + "'s application.yml: the same role, not the superuser")
				.contains(database);
			assertThat(container.env("SPRING_CONFIG_IMPORT"))
				.as(container.name() + ": reads /run/secrets as properties")
				.contains("configtree:/run/secrets/");
			assertThat(container.secrets()).as(container.name() + ": its password, as the config tree names it")
				.contains(new SecretMount(created.get(database), "spring.datasource.password"));
			assertThat(postgres.secrets()).as("postgres has " + database + "'s password for the init script")
				.extracting(SecretMount::path)
				.contains("/run/secrets/" + created.get(database));
			assertThat(postgres.volumes()).as("postgres runs the init script").anySatisfy(volume -> {
				assertThat(volume.source()).isEqualTo("./deploy/docker/postgres/init-databases.sh");
				assertThat(volume.target()).startsWith("/docker-entrypoint-initdb.d/");
			});
		}
	}

	/**
	 * Every password is a compose secret: a file a container reads from
	 * {@code /run/secrets}, made by {@code deploy/docker/generate-secrets.sh} in a
	 * git-ignored folder. None is the value of a variable, none is in the repository.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("no password is written in the compose files: each is a secret file, made by the script, git-ignored")
	void passwordsAreSecretsNeverValues(ComposeProject compose) {
		String script = RepositoryFiles.read(RepositoryFiles.path(SECRETS_SCRIPT));
		assertThat(compose.secretFiles()).as("secrets").isNotEmpty().allSatisfy((secret, file) -> {
			assertThat(file).as(secret + "'s file").isEqualTo("./" + SECRETS_FOLDER + secret);
			assertThat(script).as(SECRETS_SCRIPT + " makes " + secret).containsPattern("\\b" + secret + "\\b");
		});
		assertThat(RepositoryFiles.read(RepositoryFiles.path(".gitignore")).lines())
			.as(".gitignore keeps the secrets out of the repository")
			.contains(SECRETS_FOLDER);
		int passwords = 0;
		for (Service container : compose.all()) {
			Set<String> mounted = container.secrets().stream().map(SecretMount::path).collect(Collectors.toSet());
			container.secrets()
				.forEach(secret -> assertThat(compose.secretFiles()).as(container.name() + ": a declared secret")
					.containsKey(secret.source()));
			for (Map.Entry<String, String> variable : container.environment().entrySet()) {
				if (variable.getKey().contains("PASSWORD")) {
					passwords++;
					assertThat(variable.getKey()).as(container.name() + ": a password variable names a file")
						.endsWith("_FILE");
					assertThat(variable.getValue())
						.as(container.name() + ": " + variable.getKey() + " names a secret it mounts")
						.isIn(mounted);
				}
			}
		}
		assertThat(passwords).as("password variables checked").isGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("Kafka clients bootstrap from exactly the brokers' advertised container listeners")
	void kafkaClientsBootstrapFromTheBrokers(ComposeProject compose) {
		Set<String> advertised = new TreeSet<>();
		for (Service broker : brokers(compose)) {
			Map<String, String> listeners = listeners(broker, "KAFKA_LISTENERS");
			Map<String, String> advertisedListeners = listeners(broker, "KAFKA_ADVERTISED_LISTENERS");
			String interBroker = broker.env("KAFKA_INTER_BROKER_LISTENER_NAME").orElseThrow();
			assertThat(advertisedListeners.get(interBroker)).as(broker.name() + ": the containers' listener")
				.startsWith(broker.name() + ":");
			advertised.add(advertisedListeners.get(interBroker));
			advertisedListeners.forEach((listener, address) -> {
				String port = address.substring(address.lastIndexOf(':') + 1);
				assertThat(listeners.get(listener)).as(broker.name() + ": " + listener + " listens where advertised")
					.endsWith(":" + port);
				if (address.startsWith("localhost:")) {
					assertThat(broker.ports()).as(broker.name() + ": " + listener + " is published for the host")
						.contains(new PortMapping("127.0.0.1", port, Integer.parseInt(port)));
				}
			});
		}
		Map<String, String> bootstrapLists = new LinkedHashMap<>();
		for (Service container : compose.all()) {
			container.env("SPRING_KAFKA_BOOTSTRAP_SERVERS")
				.ifPresent(servers -> bootstrapLists.put(container.name(), servers));
			container.env("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS")
				.ifPresent(servers -> bootstrapLists.put(container.name(), servers));
			// the console (plain Java, configured by its own variables)
			container.env("KAFKA_BOOTSTRAP_SERVERS")
				.ifPresent(servers -> bootstrapLists.put(container.name(), servers));
		}
		assertThat(bootstrapLists).as("Kafka clients").containsKeys("kafka-ui", "console").hasSizeGreaterThan(4);
		bootstrapLists.forEach((container, servers) -> assertThat(new TreeSet<>(Arrays.asList(servers.split(","))))
			.as(container + ": bootstrap servers")
			.isEqualTo(advertised));
	}

	/**
	 * Every broker takes SASL logins only and allows only what an ACL allows; every
	 * service logs in as its own Kafka user (named in its application.yml) with its own
	 * secret, and the admin step has the password of every user it makes.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("the brokers take logins only, under ACLs; each service logs in as its own user with its own secret")
	void everyKafkaClientLogsInAsItsOwnUser(ComposeProject compose) {
		for (Service broker : brokers(compose)) {
			assertThat(Arrays.stream(broker.env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").orElseThrow().split(","))
				.map(listener -> listener.substring(listener.indexOf(':') + 1)))
				.as(broker.name() + ": every listener's security protocol")
				.containsOnly("SASL_PLAINTEXT");
			assertThat(listeners(broker, "KAFKA_LISTENERS")).as(broker.name() + ": a protocol for every listener")
				.allSatisfy((listener, address) -> assertThat(broker.env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
					.hasValueSatisfying(map -> assertThat(map).contains(listener + ":")));
			assertThat(broker.env("KAFKA_AUTHORIZER_CLASS_NAME")).as(broker.name() + ": authorizer")
				.contains("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
			assertThat(broker.env("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).as(broker.name()).contains("false");
			assertThat(broker.env("KAFKA_SUPER_USERS")).as(broker.name() + ": super users").contains("User:admin");
			assertThat(broker.secrets()).as(broker.name() + ": the admin's password for its own listeners")
				.contains(new SecretMount("kafka-admin-password", "kafka-admin-password"));
		}
		Service provisioning = compose.service(PROVISIONING);
		for (Service container : springServices(compose)) {
			String user = container.module().orElseThrow();
			assertThat(ServiceConfiguration.of(service(container)).yaml("spring.kafka.properties.[sasl.jaas.config]"))
				.as(user + "'s application.yml: logs in as " + user)
				.hasValueSatisfying(jaas -> assertThat(jaas).contains("username=\"" + user + "\"")
					.contains("password=\"${orderflow.kafka.password}\""));
			assertThat(container.secrets())
				.as(container.name() + ": its Kafka user's password, as the config tree names it")
				.contains(new SecretMount("kafka-" + user + "-password", "orderflow.kafka.password"));
			assertThat(provisioning.secrets()).as("the admin step makes " + user + " with that password")
				.contains(new SecretMount("kafka-" + user + "-password", "kafka-" + user + "-password"));
		}
		assertThat(compose.service("console").env("KAFKA_PASSWORD_FILE")).as("the console's read-only user")
			.contains("/run/secrets/kafka-console-password");
		assertThat(provisioning.secrets()).extracting(SecretMount::path)
			.contains("/run/secrets/kafka-console-password")
			.contains(provisioning.env("KAFKA_ADMIN_PASSWORD_FILE").orElseThrow());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("the brokers form one KRaft quorum, and every replication setting fits the number of brokers")
	void brokersFormOneQuorumAndReplicationFits(ComposeProject compose) {
		List<Service> brokers = brokers(compose);
		int count = brokers.size();
		Set<String> voters = new TreeSet<>();
		for (Service broker : brokers) {
			String controllerPort = listeners(broker, "KAFKA_LISTENERS")
				.get(broker.env("KAFKA_CONTROLLER_LISTENER_NAMES").orElseThrow())
				.replaceAll(".*:", "");
			voters.add(broker.env("KAFKA_NODE_ID").orElseThrow() + "@" + broker.name() + ":" + controllerPort);
		}
		assertThat(voters).as("node ids are distinct").hasSize(count);
		for (Service broker : brokers) {
			assertThat(
					new TreeSet<>(Arrays.asList(broker.env("KAFKA_CONTROLLER_QUORUM_VOTERS").orElseThrow().split(","))))
				.as(broker.name() + ": controller quorum voters")
				.isEqualTo(voters);
			assertThat(broker.env("CLUSTER_ID")).as(broker.name() + ": cluster id")
				.isEqualTo(brokers.get(0).env("CLUSTER_ID"));
			int minInsync = Integer.parseInt(broker.env("KAFKA_MIN_INSYNC_REPLICAS").orElse("1"));
			for (String internal : List.of("OFFSETS_TOPIC", "TRANSACTION_STATE_LOG", "SHARE_COORDINATOR_STATE_TOPIC")) {
				assertThat(broker.env("KAFKA_" + internal + "_REPLICATION_FACTOR"))
					.as(broker.name() + ": " + internal + " replicated on every broker")
					.contains(String.valueOf(count));
			}
			assertThat(broker.env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"))
				.as(broker.name() + ": transaction log min ISR")
				.contains(String.valueOf(minInsync));
			assertThat(broker.env("KAFKA_DEFAULT_REPLICATION_FACTOR").orElse("1")).as(broker.name() + ": default RF")
				.isEqualTo(String.valueOf(count));
			if (count > 1) {
				// a write with acks=all goes on while one broker is down, and is never on
				// one broker only
				assertThat(minInsync).as(broker.name() + ": min.insync.replicas").isEqualTo(count - 1).isGreaterThan(1);
			}
		}
		int replicationFactor = compose.service(PROVISIONING)
			.env("ORDERFLOW_MESSAGING_TOPICS_REPLICATION_FACTOR")
			.map(Integer::parseInt)
			.orElse(defaultReplicationFactor());
		assertThat(replicationFactor).as("replication factor of the topics the admin step creates").isEqualTo(count);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("instances of one service have distinct static group membership ids")
	void instancesHaveDistinctConsumerInstanceIds(ComposeProject compose) {
		Map<String, List<String>> idsByService = new LinkedHashMap<>();
		for (Service container : springServices(compose)) {
			// without one, MessagingAutoConfiguration uses <app>-<HOSTNAME>-<port>: the
			// container id, distinct anyway
			idsByService.computeIfAbsent(container.module().orElseThrow(), module -> new ArrayList<>())
				.add(container.env("ORDERFLOW_MESSAGING_CONSUMER_INSTANCE_ID")
					.orElse("default for " + container.name()));
		}
		idsByService.forEach((module, ids) -> assertThat(ids).as(module + " instance ids").doesNotHaveDuplicates());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("every address of another container names a port that container listens on")
	void addressesOfOtherContainersReachAListeningPort(ComposeProject compose) {
		Map<String, String> references = new LinkedHashMap<>();
		for (Service container : compose.all()) {
			container.environment()
				.forEach((variable, value) -> references.put(container.name() + " " + variable, value));
			// SMTP host and port are two variables
			container.env("SPRING_MAIL_HOST")
				.ifPresent(host -> references.put(container.name() + " SPRING_MAIL_HOST:PORT",
						host + ":" + container.env("SPRING_MAIL_PORT").orElse("25")));
		}
		Map<String, Object> datasources = RepositoryFiles
			.yaml(RepositoryFiles.path("deploy/docker/grafana/provisioning/datasources/datasources.yml"));
		((List<?>) datasources.get("datasources")).forEach(datasource -> {
			Map<String, Object> map = RepositoryFiles.map(datasource, "datasource");
			references.put("grafana datasource " + map.get("name"), String.valueOf(map.get("url")));
		});
		prometheusTargets(compose).forEach(target -> references.put("prometheus target " + target, target));
		int checked = 0;
		for (Map.Entry<String, String> reference : references.entrySet()) {
			Matcher address = CONTAINER_ADDRESS.matcher(reference.getValue());
			while (address.find()) {
				String host = address.group(1);
				if (compose.services().containsKey(host)) {
					checked++;
					assertThat(listeningPorts(compose.service(host)))
						.as(reference.getKey() + " = " + reference.getValue() + ": a port " + host + " listens on")
						.contains(Integer.parseInt(address.group(2)));
				}
			}
		}
		assertThat(checked).as("addresses checked").isGreaterThan(15);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("spans go to Zipkin's v2 endpoint, with the export switched on")
	void tracesGoToZipkin(ComposeProject compose) {
		for (Service container : springServices(compose)) {
			String enabled = container.env("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED")
				.or(() -> configuration(container).yaml("management.tracing.export.zipkin.enabled"))
				.orElse("true");
			assertThat(enabled).as(container.name() + ": span export to Zipkin enabled").isEqualTo("true");
			URI endpoint = URI.create(container.env("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT")
				.orElseThrow(() -> new AssertionError(container.name() + " exports no spans")));
			assertThat(compose.service(endpoint.getHost()).image()).as(container.name() + ": the span endpoint's host")
				.hasValueSatisfying(image -> assertThat(image).startsWith("openzipkin/zipkin:"));
			assertThat(endpoint.getPath()).as(container.name() + ": Zipkin's span endpoint").isEqualTo("/api/v2/spans");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("Prometheus scrapes /actuator/prometheus of every service instance, labelled with its application")
	void prometheusScrapesEveryInstance(ComposeProject compose) {
		Set<String> expected = new TreeSet<>();
		Map<String, String> applications = new HashMap<>();
		for (Service container : springServices(compose)) {
			ServiceConfiguration configuration = configuration(container);
			// the management port: Prometheus scrapes there without a token
			String target = container.name() + ":" + managementPort(container);
			expected.add(target);
			applications.put(target, configuration.yaml("spring.application.name").orElseThrow());
			assertThat(configuration.yaml("management.endpoints.web.exposure.include"))
				.as(configuration.module() + " exposes the prometheus endpoint")
				.hasValueSatisfying(include -> assertThat(include.split(",")).contains("prometheus"));
		}
		assertThat(new TreeSet<>(prometheusTargets(compose))).as("Prometheus targets").isEqualTo(expected);
		for (Map<String, Object> group : targetGroups(compose)) {
			Map<String, Object> labels = RepositoryFiles.map(group.get("labels"), "labels");
			((List<?>) group.get("targets"))
				.forEach(target -> assertThat(labels.get("application")).as(target + ": application label")
					.isEqualTo(applications.get(String.valueOf(target))));
		}
		Map<String, Object> prometheus = RepositoryFiles
			.yaml(RepositoryFiles.path("deploy/docker/prometheus/prometheus.yml"));
		Map<String, Object> job = RepositoryFiles.map(((List<?>) prometheus.get("scrape_configs")).get(0), "job");
		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		Service prometheusService = compose.service("prometheus");
		((List<?>) prometheus.get("rule_files"))
			.forEach(ruleFile -> assertThat(prometheusService.volumes()).as("the rule file " + ruleFile + " is mounted")
				.extracting(Volume::target)
				.contains(String.valueOf(ruleFile)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("containers start in order: each waits until what it depends on is healthy")
	void dependenciesAreHealthyFirst(ComposeProject compose) {
		for (Service container : compose.all()) {
			container.dependsOn().forEach((dependency, condition) -> {
				if (dependency.equals(PROVISIONING)) {
					// runs once and exits: done is what counts
					assertThat(condition).as(container.name() + " waits for " + dependency)
						.isEqualTo("service_completed_successfully");
					return;
				}
				assertThat(condition).as(container.name() + " waits for " + dependency).isEqualTo("service_healthy");
				Service target = compose.service(dependency);
				boolean checked = target.healthcheckTest().isPresent()
						|| (target.built() && target.buildArgs().containsKey("HEALTHCHECK_URL")
								&& RepositoryFiles.read(RepositoryFiles.path(target.dockerfile().orElseThrow()))
									.contains("HEALTHCHECK"));
				assertThat(checked).as(dependency + " has a health check").isTrue();
			});
		}
		assertThat(springServices(compose)).allSatisfy(container -> assertThat(container.dependsOn())
			.as(container.name() + " starts after the broker, its admin step and the database")
			.containsKeys("kafka", PROVISIONING, "postgres"));
		assertThat(compose.service("console").dependsOn()).as("the console starts after its Kafka user exists")
			.containsKey(PROVISIONING);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("images are pinned, ports are bound to 127.0.0.1 only, host ports are distinct, mounts exist")
	void imagesPinnedPortsLocalMountsPresent(ComposeProject compose) {
		Set<String> hostPorts = new LinkedHashSet<>();
		Path root = RepositoryFiles.root();
		for (Service container : compose.all()) {
			assertThat(container.image().isPresent() || container.built()).as(container.name() + ": image or build")
				.isTrue();
			container.image()
				.ifPresent(image -> assertThat(image).as(container.name() + ": image tag")
					.matches("[^:]+:[^:]+")
					.doesNotEndWith(":latest"));
			for (PortMapping port : container.ports()) {
				assertThat(port.hostIp()).as(container.name() + ": " + port + " host interface").isEqualTo("127.0.0.1");
				assertThat(hostPorts.add(port.hostPort()))
					.as(container.name() + ": host port " + port.hostPort() + " is taken once")
					.isTrue();
			}
			for (Volume volume : container.volumes()) {
				if (volume.bindMount()) {
					assertThat(volume.sourceIn(root)).as(container.name() + ": mounted " + volume.source()).exists();
				}
			}
		}
		Service grafana = compose.service("grafana");
		String home = grafana.env("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").orElseThrow();
		assertThat(hostPath(grafana, home)).as("Grafana's home dashboard")
			.hasValueSatisfying(path -> assertThat(root.resolve(path)).exists());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("topic names in the compose files are the ones shared-events declares")
	void topicNamesAreTheDeclaredOnes(ComposeProject compose) {
		Set<String> declared = Set.of(OrderEvent.TOPIC, PaymentEvent.TOPIC);
		Matcher topic = TOPIC.matcher(compose.services().toString());
		while (topic.find()) {
			assertThat(topic.group()).as("a topic named in " + compose).isIn(declared);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("every broker keeps its log on a named volume of its own, and PostgreSQL its databases")
	void brokersAndTheDatabaseKeepTheirDataOnNamedVolumes(ComposeProject compose) {
		Set<String> sources = new TreeSet<>();
		for (Service broker : brokers(compose)) {
			String logDirs = broker.env("KAFKA_LOG_DIRS")
				.orElseThrow(() -> new AssertionError(
						broker.name() + " sets no KAFKA_LOG_DIRS: the image's default is a temporary directory"));
			for (String logDir : logDirs.split(",")) {
				Volume volume = volumeAt(broker, logDir);
				assertThat(volume.named()).as(broker.name() + ": " + logDir + " on a named volume").isTrue();
				assertThat(compose.namedVolumes()).as("declared volumes").contains(volume.source());
				assertThat(sources.add(volume.source())).as(broker.name() + ": a volume no other broker uses").isTrue();
			}
		}
		Volume databases = volumeAt(compose.service("postgres"), "/var/lib/postgresql/data");
		assertThat(databases.named()).as("PostgreSQL's data directory on a named volume").isTrue();
		assertThat(compose.namedVolumes()).contains(databases.source());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("every container comes back after a failure, and stays stopped when stopped on purpose")
	void everyContainerRestartsOnFailure(ComposeProject compose) {
		assertThat(compose.all()).allSatisfy(
				container -> assertThat(container.restart()).as(container.name() + " restart").isEqualTo("on-failure"));
	}

	/**
	 * The simulator checks the key it was started with ({@code API_KEY}); payment-service
	 * sends the one it is configured with ({@code orderflow.payment.provider.api-key}, a
	 * property of its jar, as {@link #everyEnvironmentVariableSetsARealProperty} checks).
	 * Both come from one compose variable, so they cannot differ, and its default says it
	 * is a local test key.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("the provider's API key reaches the simulator and every payment-service from one variable")
	void theProvidersApiKeyComesFromOneVariable(ComposeProject compose) {
		String key = compose.service("payment-provider")
			.env("API_KEY")
			.orElseThrow(() -> new AssertionError("the simulator gets no API_KEY"));
		assertThat(key).as("a variable with a local demo default, never a literal secret")
			.matches("\\$\\{PAYMENT_PROVIDER_API_KEY:-sk_test_[a-z0-9_]*local[a-z0-9_]*}");
		List<Service> paymentServices = springServices(compose).stream()
			.filter(container -> container.module().orElseThrow().equals(OrderflowService.PAYMENT.moduleName()))
			.toList();
		assertThat(paymentServices).isNotEmpty()
			.allSatisfy(container -> assertThat(container.env("ORDERFLOW_PAYMENT_PROVIDER_API_KEY"))
				.as(container.name() + ": the same key")
				.contains(key));
		assertThat(configuration(paymentServices.getFirst()).propertySetBy("ORDERFLOW_PAYMENT_PROVIDER_API_KEY", key))
			.as("payment-service has the property the key sets")
			.hasValueSatisfying(property -> assertThat(property).hasToString("orderflow.payment.provider.api-key"));
	}

	/**
	 * The console and the simulator are plain Java, configured by environment variables
	 * their code reads by name: each variable a container sets must be one its module's
	 * code names, or the container would ignore it.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("projects")
	@DisplayName("every environment variable of the console, the simulator and the authorization server is one their code reads")
	void everyVariableOfThePlainJavaContainersIsRead(ComposeProject compose) {
		Set<String> modules = Arrays.stream(OrderflowService.values())
			.map(OrderflowService::moduleName)
			.collect(Collectors.toSet());
		List<Service> plainJava = compose.all()
			.stream()
			.filter(container -> container.module().filter(module -> !modules.contains(module)).isPresent())
			.toList();
		assertThat(plainJava).extracting(Service::name)
			.contains("console", "payment-provider", "authorization-server", PROVISIONING);
		for (Service container : plainJava) {
			String code = mainSources(container.module().orElseThrow());
			container.environment()
				.keySet()
				.forEach(variable -> assertThat(code)
					.as(container.name() + ": " + variable + " is read by " + container.module().orElseThrow())
					.contains("\"" + readAs(variable) + "\""));
		}
	}

	/**
	 * The name the code reads a variable by: itself, or for the authorization server,
	 * which binds {@code orderflow.identity.*} as Spring does, the property below that
	 * prefix ({@code ORDERFLOW_IDENTITY_BIND_ADDRESS} is {@code "bind-address"}).
	 */
	private static String readAs(String variable) {
		String identity = "ORDERFLOW_IDENTITY_";
		return variable.startsWith(identity)
				? variable.substring(identity.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-') : variable;
	}

	private static String mainSources(String module) {
		try (Stream<Path> files = Files.walk(RepositoryFiles.path(module + "/src/main/java"))) {
			return files.filter(file -> file.toString().endsWith(".java"))
				.map(RepositoryFiles::read)
				.collect(Collectors.joining("\n"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Volume volumeAt(Service container, String target) {
		return container.volumes()
			.stream()
			.filter(volume -> volume.target().equals(target))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.name() + " mounts nothing at " + target));
	}

	private static List<Service> springServices(ComposeProject compose) {
		Set<String> modules = Arrays.stream(OrderflowService.values())
			.map(OrderflowService::moduleName)
			.collect(Collectors.toSet());
		List<Service> services = compose.all()
			.stream()
			.filter(service -> service.module().filter(modules::contains).isPresent())
			.toList();
		assertThat(services).as(compose + ": service containers").isNotEmpty();
		return services;
	}

	private static OrderflowService service(Service container) {
		String module = container.module().orElseThrow();
		return Arrays.stream(OrderflowService.values())
			.filter(service -> service.moduleName().equals(module))
			.findFirst()
			.orElseThrow();
	}

	private static ServiceConfiguration configuration(Service container) {
		return ServiceConfiguration.of(service(container));
	}

	private static int serverPort(Service container) {
		return Integer.parseInt(container.env("SERVER_PORT")
			.orElseThrow(() -> new AssertionError(container.name() + " sets no SERVER_PORT")));
	}

	private static int managementPort(Service container) {
		return Integer.parseInt(container.env("MANAGEMENT_SERVER_PORT")
			.orElseThrow(() -> new AssertionError(container.name() + " sets no MANAGEMENT_SERVER_PORT")));
	}

	private static List<Service> brokers(ComposeProject compose) {
		List<Service> brokers = compose.all()
			.stream()
			.filter(service -> service.image().filter(image -> image.startsWith("apache/kafka:")).isPresent())
			.toList();
		assertThat(brokers).as(compose + ": brokers").isNotEmpty();
		return brokers;
	}

	/** listener name → host:port. */
	private static Map<String, String> listeners(Service broker, String variable) {
		Map<String, String> listeners = new LinkedHashMap<>();
		Matcher listener = LISTENER.matcher(broker.env(variable).orElseThrow());
		while (listener.find()) {
			listeners.put(listener.group(1), listener.group(2) + ":" + listener.group(3));
		}
		return listeners;
	}

	/** The ports a container accepts connections on, as far as its definition tells. */
	private static Set<Integer> listeningPorts(Service container) {
		Set<Integer> ports = new TreeSet<>();
		container.ports().forEach(port -> ports.add(port.containerPort()));
		Stream.of("SERVER_PORT", "MANAGEMENT_SERVER_PORT", "PORT", "ORDERFLOW_IDENTITY_PORT")
			.map(container::env)
			.flatMap(Optional::stream)
			.forEach(port -> ports.add(Integer.parseInt(port)));
		container.env("KAFKA_LISTENERS").ifPresent(listeners -> {
			Matcher listener = LISTENER.matcher(listeners);
			while (listener.find()) {
				ports.add(Integer.parseInt(listener.group(3)));
			}
		});
		return ports;
	}

	private static Matcher matchJdbcUrl(String where, String url) {
		Matcher matcher = JDBC_URL.matcher(url);
		if (!matcher.matches()) {
			fail(where + ": not a PostgreSQL JDBC URL: " + url);
		}
		return matcher;
	}

	/**
	 * database → the secret holding its owner's password, as the init script creates
	 * them.
	 */
	private static Map<String, String> createdDatabases() {
		Map<String, String> databases = new TreeMap<>();
		Matcher create = Pattern.compile("(?m)^create_owned_database\\s+(\\w+)\\s+/run/secrets/([\\w.-]+)\\s*$")
			.matcher(RepositoryFiles.read(RepositoryFiles.path("deploy/docker/postgres/init-databases.sh")));
		while (create.find()) {
			databases.put(create.group(1), create.group(2));
		}
		assertThat(databases).as("databases the init script creates").isNotEmpty();
		return databases;
	}

	/**
	 * Default of {@code orderflow.messaging.topics.replication-factor}, read from the
	 * record's @DefaultValue.
	 */
	private static int defaultReplicationFactor() {
		Constructor<?> constructor = MessagingProperties.Topics.class.getDeclaredConstructors()[0];
		for (Parameter parameter : constructor.getParameters()) {
			if (parameter.getName().equals("replicationFactor") || parameter.getType() == short.class) {
				return Integer.parseInt(parameter.getAnnotation(DefaultValue.class).value()[0]);
			}
		}
		throw new AssertionError("MessagingProperties.Topics has no replication factor");
	}

	/** The Prometheus file_sd target groups mounted into the prometheus container. */
	private static List<Map<String, Object>> targetGroups(ComposeProject compose) {
		Service prometheus = compose.service("prometheus");
		Volume targets = prometheus.volumes()
			.stream()
			.filter(volume -> volume.target().equals("/etc/prometheus/targets"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("prometheus mounts no targets directory"));
		List<Map<String, Object>> groups = new ArrayList<>();
		try (Stream<Path> files = Files.list(targets.sourceIn(RepositoryFiles.root()))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
				((List<?>) RepositoryFiles.yamlDocument(file))
					.forEach(group -> groups.add(RepositoryFiles.map(group, file.toString())));
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return groups;
	}

	private static List<String> prometheusTargets(ComposeProject compose) {
		List<String> targets = new ArrayList<>();
		targetGroups(compose)
			.forEach(group -> ((List<?>) group.get("targets")).forEach(t -> targets.add(String.valueOf(t))));
		return targets;
	}

	/**
	 * The repository path of a file a container sees at {@code containerPath}, through
	 * its bind mounts.
	 */
	private static Optional<String> hostPath(Service container, String containerPath) {
		return container.volumes()
			.stream()
			.filter(Volume::bindMount)
			.filter(volume -> containerPath.startsWith(volume.target() + "/"))
			.map(volume -> volume.source() + containerPath.substring(volume.target().length()))
			.findFirst();
	}

}
