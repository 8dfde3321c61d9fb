package io.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.orderflow.authorization.AuthorizationServer;
import io.orderflow.authorization.IdentitySettings;
import io.orderflow.console.Console;
import io.orderflow.console.ConsoleIdentity;
import io.orderflow.console.ConsoleSettings;
import io.orderflow.console.status.ServiceEndpoint;
import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.kafka.KafkaCluster;
import io.orderflow.embedded.network.IsolatedHost;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.localstack.process.ServiceProcess;
import io.orderflow.localstack.secrets.SecretsFolder;
import io.orderflow.localstack.tracing.SpanCollector;
import io.orderflow.mail.simulator.SmtpServer;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.access.BrokerProvisioning.Viewer;
import io.orderflow.messaging.access.BrokerProvisioning;
import io.orderflow.messaging.access.EventTopology;
import io.orderflow.probes.kafka.KafkaConnection;
import io.orderflow.probes.lifecycle.StartedResources;
import io.orderflow.provider.simulator.PaymentProviderSimulator;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole orderflow system on real components, without Docker: a KRaft Kafka broker
 * that takes SCRAM logins only (one user per service, the console's read-only one, each
 * with the ACLs the AsyncAPI document implies, passwords kept like the database's),
 * PostgreSQL with one database per service (each owned by the service's own login role,
 * with a password kept in {@code <work directory>/secrets}), the payment provider
 * simulator, an SMTP server, a span collector speaking Zipkin's API, the authorization
 * server whose tokens the services accept, the three services as separate JVM processes
 * (which export their spans to it), and the live console, which may stop and start them.
 * {@code ./run-local.sh} runs it on the demo's fixed ports; system tests run it on free
 * ports.
 *
 * <p>
 * Each service may run as several instances ({@code ./run-local.sh --instances 2}), as a
 * deployment runs replicas: the same database and Kafka user, one consumer group whose
 * partitions they share, each its own static group membership. The n-th instance of a
 * service answers on the demo's port plus 10000·(n−1) (18081–18083 for the second, as in
 * the compose cluster overlay), and Kafka may run as a cluster of three KRaft nodes
 * ({@code --brokers 3}, on 9092–9094) whose topics are replicated on all three: the shape
 * ({@link StackShape}) a deployment runs.
 */
public final class LocalStack implements AutoCloseable {

	/** Fixed ports of the demo besides the services' own (8081-8083). */
	public static final int KAFKA_PORT = 9092;

	public static final int POSTGRES_PORT = 5432;

	public static final int PROVIDER_PORT = 8090;

	public static final int SMTP_PORT = 3025;

	/**
	 * Zipkin's own port: traces at {@code http://localhost:9411/api/v2/trace/{traceId}}.
	 */
	public static final int ZIPKIN_PORT = 9411;

	/** The authorization server: issuer {@code http://localhost:9000}. */
	public static final int IDENTITY_PORT = IdentitySettings.DEFAULT_PORT;

	/** The live console: the system in one page, with the controls to break it. */
	public static final int CONSOLE_PORT = ConsoleSettings.DEFAULT_PORT;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	/** Between the fixed ports of one instance of a service and the next. */
	static final int INSTANCE_PORT_STEP = 10_000;

	/**
	 * Sized for the services and the infrastructure on a 2-core machine
	 * (docs/performance.md): a live set of about 45 MB per service at rest, plus what the
	 * requests in flight hold under overload (up to 64 of them: RequestsInFlightLimit),
	 * in a heap the JVM commits whole; the serial collector needs no threads of its own.
	 * A 96 MB heap ran out under 100 orders/s on two instances of each service (three
	 * runs of ScaleOutFaultIT out of three: order-service exited on OutOfMemoryError);
	 * 128 MB did not, but with 256 requests in flight it left the collector so little
	 * room that order-service paused for seconds on end, and one restarted under load ran
	 * out: hence the intake of 64 (each service's GC log is beside its log). Beside the
	 * heap, a service has about 75 MB of metaspace and 60 MB of compiled code.
	 */
	private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
			"-XX:+ExitOnOutOfMemoryError");

	private final StartedResources started = new StartedResources();

	private final Map<OrderflowService, List<ServiceProcess>> services = new EnumMap<>(OrderflowService.class);

	private final Map<OrderflowService, DatabaseRole> databaseRoles = new EnumMap<>(OrderflowService.class);

	private final Map<String, ScramLogin> kafkaUsers = new LinkedHashMap<>();

	/** Where the isolated payment-service instance runs; null unless the shape asks. */
	private IsolatedHost isolatedHost;

	private PostgresServer postgres;

	/** The broker, or the cluster's nodes, node 1 first. */
	private List<KafkaBroker> kafkaNodes;

	private PaymentProviderSimulator provider;

	private SmtpServer smtp;

	private SpanCollector spanCollector;

	private IdentitySettings identitySettings;

	private AuthorizationServer identity;

	private Console console;

	private LocalStack() {
	}

	/**
	 * Starts everything and waits until every service reports UP.
	 * @param fixedPorts the demo's ports when true, free ports otherwise
	 * @param workDirectory logs, database files and the generated passwords (kept for the
	 * next start) go here
	 * @param serviceProperties extra Spring properties per service (e.g. a short saga
	 * deadline in tests)
	 */
	public static LocalStack start(boolean fixedPorts, Path workDirectory,
			Map<OrderflowService, Map<String, String>> serviceProperties) {
		return start(fixedPorts, workDirectory, serviceProperties, StackShape.ONE_OF_EACH);
	}

	/**
	 * As {@link #start(boolean, Path, Map)}, with as many instances of each service and
	 * Kafka brokers as the shape says.
	 */
	public static LocalStack start(boolean fixedPorts, Path workDirectory,
			Map<OrderflowService, Map<String, String>> serviceProperties, StackShape shape) {
		return start(fixedPorts, workDirectory, serviceProperties, true, shape);
	}

	/**
	 * As {@link #start}, on free ports and without the console: for measuring the
	 * services, which the console's polling (status every second, three reads per order
	 * it audits) would load as much as the orders do.
	 */
	public static LocalStack startWithoutConsole(Path workDirectory,
			Map<OrderflowService, Map<String, String>> serviceProperties) {
		return start(false, workDirectory, serviceProperties, false, StackShape.ONE_OF_EACH);
	}

	private static LocalStack start(boolean fixedPorts, Path workDirectory,
			Map<OrderflowService, Map<String, String>> serviceProperties, boolean withConsole, StackShape shape) {
		if (fixedPorts) {
			requireFreePorts(shape);
		}
		LocalStack stack = new LocalStack();
		try {
			stack.startInfrastructure(fixedPorts, workDirectory, shape);
			stack.startServices(fixedPorts, workDirectory, serviceProperties, shape.instances());
			if (withConsole) {
				stack.startConsole(fixedPorts);
			}
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startInfrastructure(boolean fixedPorts, Path workDirectory, StackShape shape) {
		// first, so that it is closed last: after the process inside it, and after the
		// servers listening on its links
		isolatedHost = shape.isolatedPayment() ? started.add(IsolatedHost.create()) : null;
		List<IsolatedHost> hosts = (isolatedHost == null) ? List.of() : List.of(isolatedHost);
		postgres = started
			.add(PostgresServer.start(fixedPorts ? POSTGRES_PORT : 0, workDirectory.resolve("postgres"), hosts));
		// the cluster is new at every start, the passwords are not: a tool configured
		// with one keeps working
		SecretsFolder secrets = SecretsFolder.at(secretsDirectory(workDirectory));
		for (OrderflowService service : OrderflowService.values()) {
			DatabaseRole owner = secrets.databaseRole(service.database());
			postgres.createDatabase(service.database(), owner);
			databaseRoles.put(service, owner);
		}
		int kafkaPort = fixedPorts ? KAFKA_PORT : 0;
		kafkaNodes = (shape.brokers() == 1)
				? List.of(started.add(KafkaBroker.startSecured(kafkaPort, secrets.brokerCredentials(), hosts)))
				: started.add(KafkaCluster.startSecured(kafkaPort, secrets.brokerCredentials(), hosts)).nodes();
		provisionBroker(secrets);
		// a new secret key at every start: nothing in the repository is a key, and only
		// payment-service learns it
		provider = started.add(PaymentProviderSimulator
			.start(new InetSocketAddress(reachableAddress(), fixedPorts ? PROVIDER_PORT : 0)));
		smtp = started.add(SmtpServer.start(fixedPorts ? SMTP_PORT : 0));
		spanCollector = started.add(SpanCollector.start(fixedPorts ? ZIPKIN_PORT : 0));
		// the signing key in the work folder: tokens and the services' copies of the key
		// set stay valid across restarts of the stack
		identitySettings = IdentitySettings.defaults()
			.withPort(fixedPorts ? IDENTITY_PORT : 0)
			.withKeyFile(workDirectory.resolve("identity").resolve("signing-key.json"));
		if (isolatedHost != null) {
			// the issuer names where the server is, on an address the isolated instance
			// reaches too
			int port = freePort();
			identitySettings = identitySettings.withAddress(new InetSocketAddress(reachableAddress(), port))
				.withIssuer(URI.create("http://" + reachableAddress() + ":" + port));
		}
		identity = started.add(AuthorizationServer.start(identitySettings));
	}

	/**
	 * The admin step a deployment runs before its services: topics, one Kafka user per
	 * service, the console's read-only user and the demo's fault injector, with the ACLs
	 * the AsyncAPI document implies (ADR 0022). On a cluster, every topic is replicated
	 * on all three nodes, as the services declare them ({@link #topicSettings()}).
	 */
	private void provisionBroker(SecretsFolder secrets) {
		ScramLogin injector = secrets.kafkaUser(BrokerProvisioning.FAULT_INJECTOR);
		try (Admin admin = Admin.create(kafkaAdmin().clientProperties())) {
			BrokerProvisioning provisioning = new BrokerProvisioning(admin, READY_TIMEOUT);
			provisioning
				.provisionOrderflow(MessagingProperties.of(topicSettings()).topics(),
						user -> secrets.kafkaUser(user).password())
				.forEach((user, password) -> kafkaUsers.put(user, new ScramLogin(user, password)));
			provisioning.grantFaultInjector(EventTopology.fromAsyncApi(), injector.password());
			kafkaUsers.put(injector.username(), injector);
			provisioning.awaitEffective(kafkaAs(injector.username()).clientProperties(), OrderEvent.TOPIC);
		}
	}

	/**
	 * Where the servers every service calls listen (the provider, the authorization
	 * server): the loopback interface, or, with an isolated instance, the machine's side
	 * of that host's link for everything but the broker and the database, which is an
	 * address of this machine too. The span collector and the SMTP server stay on the
	 * loopback interface: the isolated payment-service instance sends no email and
	 * exports no spans.
	 */
	private String reachableAddress() {
		return (isolatedHost == null) ? "127.0.0.1" : isolatedHost.hostAddress(IsolatedHost.Link.OTHER);
	}

	/**
	 * What the services and the admin step are told about the topics beyond the defaults:
	 * their replication factor on a cluster.
	 */
	private Map<String, String> topicSettings() {
		return (kafkaNodes.size() == 1) ? Map.of()
				: Map.of("orderflow.messaging.topics.replication-factor", String.valueOf(kafkaNodes.size()));
	}

	private void startServices(boolean fixedPorts, Path workDirectory,
			Map<OrderflowService, Map<String, String>> serviceProperties, int instances) {
		Path root = RepositoryLayout.root();
		Map<OrderflowService, List<Integer>> ports = new EnumMap<>(OrderflowService.class);
		for (OrderflowService service : OrderflowService.values()) {
			ports.put(service, IntStream.range(0, instances)
				.mapToObj(instance -> fixedPorts ? service.demoPort() + INSTANCE_PORT_STEP * instance : freePort())
				.toList());
		}
		for (OrderflowService service : OrderflowService.values()) {
			List<ServiceProcess> processes = new ArrayList<>();
			for (int instance = 0; instance < instances; instance++) {
				String name = instanceName(service, instance);
				int managementPort = fixedPorts ? service.demoManagementPort() + INSTANCE_PORT_STEP * instance
						: freePort();
				IsolatedHost host = (service == OrderflowService.PAYMENT && instance == instances - 1) ? isolatedHost
						: null;
				InstanceSettings settings = instanceSettings(service, name,
						ports.get(OrderflowService.PAYMENT).get(instance), workDirectory, host);
				settings.properties().putAll(serviceProperties.getOrDefault(service, Map.of()));
				processes.add(started.add(new ServiceProcess(name, RepositoryLayout.executableJar(root, service),
						ports.get(service).get(instance), managementPort, settings.properties(), settings.secrets(),
						workDirectory.resolve("logs"), SERVICE_JVM_OPTIONS)
					.isolatedOn(host)));
			}
			services.put(service, List.copyOf(processes));
		}
		// the AOT caches: trained once per build of the jars, the three in parallel (the
		// further instances of a service find its cache); then the JVMs start
		try (var training = Executors.newVirtualThreadPerTaskExecutor()) {
			services.values()
				.forEach(instancesOfOne -> training.submit(() -> instancesOfOne.forEach(ServiceProcess::prepare)));
		}
		List<ServiceProcess> all = allInstances();
		all.forEach(ServiceProcess::start);
		CompletableFuture
			.allOf(all.stream()
				.map(process -> CompletableFuture.runAsync(() -> process.awaitReady(READY_TIMEOUT)))
				.toArray(CompletableFuture[]::new))
			.join();
	}

	/**
	 * What one instance is told: where the broker, its database, the span collector, the
	 * authorization server and its own downstream are, as properties, and its passwords
	 * as secrets (environment variables, not on a command line).
	 * @param pairedPaymentService the port of the payment-service instance of the same
	 * number: each order-service instance asks that one, as a sidecar pairing would, for
	 * there is no load balancer in the stack
	 * @param host the isolated host it runs on, reaching the broker and the database over
	 * their links; null on this machine's loopback interface
	 */
	private InstanceSettings instanceSettings(OrderflowService service, String name, int pairedPaymentService,
			Path workDirectory, IsolatedHost host) {
		Map<String, String> properties = new LinkedHashMap<>();
		Map<String, String> secrets = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", (host == null) ? kafkaBootstrapServers()
				: kafkaNodes.stream().map(node -> node.bootstrapServers(host)).collect(Collectors.joining(",")));
		properties.putAll(topicSettings());
		secrets.put("orderflow.kafka.password", kafkaUsers.get(service.moduleName()).password());
		properties.put("spring.datasource.url",
				(host == null) ? postgres.jdbcUrl(service.database()) : postgres.jdbcUrl(service.database(), host));
		// the service's port on the loopback interface only, like the rest of the stack,
		// or on its isolated host's address (ServiceProcess puts its management port
		// there too)
		properties.put("server.address", (host == null) ? "127.0.0.1" : host.namespaceAddress(IsolatedHost.Link.OTHER));
		properties.put("spring.datasource.username", databaseRoles.get(service).name());
		secrets.put("spring.datasource.password", databaseRoles.get(service).password());
		properties.put("management.tracing.export.zipkin.enabled", String.valueOf(host == null));
		properties.put("management.tracing.export.zipkin.endpoint", spanCollector.spansEndpoint().toString());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", identity.issuer().toString());
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", identity.jwkSetUri().toString());
		// a service restarted while the authorization server is down still checks tokens
		// with the last keys it saw (a file per instance: each writes its own)
		properties.put("orderflow.security.jwk-set-copy",
				workDirectory.resolve("identity").resolve(name + "-jwks.json").toString());
		switch (service) {
			case PAYMENT -> {
				properties.put("orderflow.payment.provider.base-url", provider.baseUri().toString());
				secrets.put("orderflow.payment.provider.api-key", provider.apiKey());
			}
			case NOTIFICATION -> {
				properties.put("spring.mail.host", "127.0.0.1");
				properties.put("spring.mail.port", String.valueOf(smtp.port()));
			}
			case ORDER ->
				properties.put("orderflow.order.payment-service.base-url", "http://127.0.0.1:" + pairedPaymentService);
		}
		return new InstanceSettings(properties, secrets);
	}

	/** Spring properties, and those whose values are secrets. */
	private record InstanceSettings(Map<String, String> properties, Map<String, String> secrets) {
	}

	/**
	 * The first instance is named like its service, as with one instance; the n-th gets
	 * {@code -n}: {@code payment-service-2}. Its log is {@code <name>.log}.
	 */
	static String instanceName(OrderflowService service, int instance) {
		return instance == 0 ? service.moduleName() : service.moduleName() + "-" + (instance + 1);
	}

	/** The console, embedded here so that it can stop and start the service processes. */
	private void startConsole(boolean fixedPorts) {
		ConsoleSettings settings = ConsoleSettings
			.of(new InetSocketAddress("127.0.0.1", fixedPorts ? CONSOLE_PORT : 0), kafkaAs(Viewer.CONSOLE.user()),
					service(OrderflowService.ORDER).baseUri(), service(OrderflowService.PAYMENT).baseUri(),
					service(OrderflowService.NOTIFICATION).baseUri(), provider.baseUri())
			.withManagement(service(OrderflowService.ORDER).managementUri(),
					service(OrderflowService.PAYMENT).managementUri(),
					service(OrderflowService.NOTIFICATION).managementUri())
			.withIdentity(ConsoleIdentity.demo(identity.tokenUri()))
			.withFaultInjector(kafkaAs(BrokerProvisioning.FAULT_INJECTOR));
		for (OrderflowService service : OrderflowService.values()) {
			List<ServiceProcess> instances = services.get(service);
			for (int number = 2; number <= instances.size(); number++) {
				ServiceProcess instance = instances.get(number - 1);
				settings = settings.withInstance(ServiceEndpoint.instance(service.moduleName(), number,
						instance.baseUri(), instance.managementUri()));
			}
		}
		console = started.add(Console.start(settings.withControls(new LocalServiceControls(allInstances()))));
	}

	/**
	 * The network namespace the last payment-service instance runs in, for a test to cut
	 * its links; empty unless the stack was started
	 * {@linkplain StackShape#isolatedPayment so}.
	 */
	public Optional<IsolatedHost> isolatedHost() {
		return Optional.ofNullable(isolatedHost);
	}

	public PostgresServer postgres() {
		return postgres;
	}

	/** Where the stack keeps the passwords it made up, one file each. */
	public static Path secretsDirectory(Path workDirectory) {
		return workDirectory.resolve("secrets");
	}

	/**
	 * The broker, or the nodes of the cluster ({@code --brokers 3}), node 1 first: each
	 * stops and starts on its own.
	 */
	public List<KafkaBroker> kafkaNodes() {
		return kafkaNodes;
	}

	/** Every node's {@code host:port}, for {@code bootstrap.servers}. */
	public String kafkaBootstrapServers() {
		return kafkaNodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	/**
	 * The broker as one of the users the stack made: a service (named like its module),
	 * {@code console} (read-only) or {@code fault-injector}.
	 */
	public KafkaConnection kafkaAs(String user) {
		ScramLogin login = kafkaUsers.get(user);
		if (login == null) {
			throw new IllegalArgumentException("No Kafka user " + user + " among " + kafkaUsers.keySet());
		}
		return new KafkaConnection(kafkaBootstrapServers(), login.username(), login.password());
	}

	/**
	 * The broker as its administrator: for tests and the benchmark, which read every
	 * topic and play the part of any service.
	 */
	public KafkaConnection kafkaAdmin() {
		// the super users are the same on every node
		ScramLogin admin = kafkaNodes.getFirst().adminLogin();
		return new KafkaConnection(kafkaBootstrapServers(), admin.username(), admin.password());
	}

	public PaymentProviderSimulator provider() {
		return provider;
	}

	public SmtpServer smtp() {
		return smtp;
	}

	public SpanCollector spanCollector() {
		return spanCollector;
	}

	/**
	 * The authorization server: customers for tests and load generators are
	 * {@linkplain AuthorizationServer#register registered} here; stopping it is a fault.
	 */
	public AuthorizationServer identity() {
		return identity;
	}

	/**
	 * @return the console, or null for a stack started {@linkplain #startWithoutConsole
	 * without} it
	 */
	public Console console() {
		return console;
	}

	/**
	 * Stops the authorization server, a fault: tokens already given out stay valid, new
	 * ones cannot be had.
	 */
	public synchronized void stopIdentity() {
		identity.stop();
	}

	/**
	 * Starts the authorization server again on the same port and signing key. Customers
	 * {@linkplain AuthorizationServer#register registered} while it ran are gone (the
	 * demo's stay): register them again.
	 */
	public synchronized AuthorizationServer startIdentity() {
		identity = started.add(AuthorizationServer.start(identitySettings.withPort(identity.port())));
		return identity;
	}

	/** The service's first instance (the only one unless started with more). */
	public ServiceProcess service(OrderflowService service) {
		return services.get(service).get(0);
	}

	/** Every instance of the service, the first first. */
	public List<ServiceProcess> instances(OrderflowService service) {
		return services.get(service);
	}

	/** Every instance of every service. */
	public List<ServiceProcess> allInstances() {
		return services.values().stream().flatMap(List::stream).toList();
	}

	/**
	 * Stops everything it started, services first, in reverse order. The service
	 * instances stop together: each takes seconds to shut down gracefully, and six of
	 * them one after the other outlasted the 30 s Surefire gives a test JVM to exit.
	 */
	@Override
	public synchronized void close() {
		try (var stopping = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
			allInstances().forEach(instance -> stopping.submit(instance::stop));
		}
		finally {
			started.close();
		}
	}

	private static void requireFreePorts(StackShape shape) {
		Map<Integer, String> ports = new LinkedHashMap<>();
		for (OrderflowService service : OrderflowService.values()) {
			for (int instance = 0; instance < shape.instances(); instance++) {
				int step = INSTANCE_PORT_STEP * instance;
				ports.put(service.demoPort() + step, instanceName(service, instance));
				ports.put(service.demoManagementPort() + step, instanceName(service, instance) + " management");
			}
		}
		ports.put(IDENTITY_PORT, "authorization server");
		for (int node = 0; node < shape.brokers(); node++) {
			ports.put(KAFKA_PORT + node, (shape.brokers() == 1) ? "Kafka" : "Kafka node " + (node + 1));
		}
		ports.put(POSTGRES_PORT, "PostgreSQL");
		ports.put(PROVIDER_PORT, "payment provider simulator");
		ports.put(SMTP_PORT, "SMTP server");
		ports.put(ZIPKIN_PORT, "span collector (Zipkin API)");
		ports.put(CONSOLE_PORT, "console");
		List<String> taken = ports.entrySet()
			.stream()
			.filter(entry -> !isFree(entry.getKey()))
			.map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
			.toList();
		if (!taken.isEmpty()) {
			throw new PortsTakenException(taken);
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true); // as servers do: a port in TIME_WAIT after a
											// restart is free
			socket.bind(new InetSocketAddress("0.0.0.0", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Raised when the demo cannot take its fixed ports. */
	public static final class PortsTakenException extends RuntimeException {

		PortsTakenException(List<String> taken) {
			super("These ports are already in use: " + String.join(", ", taken)
					+ ". Is another local stack or demo running? Stop it or free the ports, then try again.");
		}

	}

	/** Where the build puts things in a clone of the repository. */
	static final class RepositoryLayout {

		private RepositoryLayout() {
		}

		static Path root() {
			String configured = System.getProperty("orderflow.home");
			Path candidate = Path.of(configured != null ? configured : "").toAbsolutePath();
			for (Path dir = candidate; dir != null; dir = dir.getParent()) {
				if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("order-service"))) {
					return dir;
				}
			}
			throw new IllegalStateException("Run from inside the orderflow repository (or set -Dorderflow.home)");
		}

		static Path executableJar(Path root, OrderflowService service) {
			Path target = root.resolve(service.moduleName()).resolve("target");
			try (Stream<Path> files = Files.list(target)) {
				return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
					.findFirst()
					.orElseThrow();
			}
			catch (IOException | java.util.NoSuchElementException ex) {
				throw new IllegalStateException("No executable jar of " + service.moduleName() + " in " + target
						+ ": build it first (./mvnw -DskipTests package)", ex);
			}
		}

	}

}
