package io.orderflow.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.orderflow.messaging.consumer.DependencyUnavailableException;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.messaging.outbox.Outbox;
import org.apache.kafka.clients.producer.Producer;

import org.springframework.kafka.core.KafkaOperations;

/**
 * The one set of architecture rules every orderflow service keeps, built for one service
 * from its base package. Each service's architecture test declares one {@code @ArchTest}
 * field per rule (their names are the test names) and nothing else, unless a rule is
 * truly its own, which then says why.
 *
 * <p>
 * A service is laid out by feature: its domain is one package ({@code <base>.<feature>s},
 * e.g. {@code io.orderflow.payment.payments}), and every sub-package of it is an adapter
 * ({@code web}, {@code persistence}, {@code messaging}, the client of an external system,
 * a scheduled job, metrics). The {@code messaging} adapter is where Kafka lives: its
 * listener adapters ({@code *Listener}) receive a record, check that its key is the
 * event's aggregate id, claim the event in the inbox in the transaction that applies it,
 * and call the domain with the event alone.
 */
public final class ServiceArchitectureRules {

	/**
	 * orderflow's services, each of which shares contracts with the others but never
	 * code.
	 */
	private static final List<String> SERVICES = List.of("io.orderflow.order", "io.orderflow.payment",
			"io.orderflow.notification");

	/**
	 * The harness around the product: simulators, local stack, console, benchmark, test
	 * infrastructure.
	 */
	private static final List<String> TOOLING = List.of("io.orderflow.provider", "io.orderflow.mail",
			"io.orderflow.authorization", "io.orderflow.localstack", "io.orderflow.console", "io.orderflow.benchmark",
			"io.orderflow.provisioning", "io.orderflow.testsupport", "io.orderflow.probes", "io.orderflow.embedded");

	private static final String EVENTS = "io.orderflow.events";

	/**
	 * What carries a Kafka record or its metadata (the key arrives as a {@code @Header}
	 * of spring-messaging).
	 */
	private static final String[] KAFKA = { "org.apache.kafka..", "org.springframework.kafka..",
			"org.springframework.messaging.." };

	/** The names a record key goes by when it is passed on as a plain string. */
	private static final Set<String> RECORD_KEY_NAMES = Set.of("recordkey", "messagekey", "kafkakey");

	private static final String[] TRANSPORT_FRAMEWORKS = { "org.springframework.web..", "org.springframework.http..",
			"org.springframework.jdbc..", "org.springframework.kafka..", "org.springframework.messaging..",
			"org.apache.kafka..", "org.springframework.mail..", "jakarta.mail..", "jakarta.servlet..", "java.sql..",
			"tools.jackson.." };

	/**
	 * What of platform/messaging a domain may use: the outbox, and the failures a
	 * consumer acts on.
	 */
	private static final Set<Class<?>> MESSAGING_FOR_THE_DOMAIN = Set.of(Outbox.class, PoisonEventException.class,
			DependencyUnavailableException.class);

	private final String servicePackage;

	private final String serviceName;

	private final String domainPackage;

	private ServiceArchitectureRules(String servicePackage, String domainPackage) {
		if (!SERVICES.contains(servicePackage)) {
			throw new IllegalArgumentException(servicePackage + " is not one of " + SERVICES);
		}
		this.servicePackage = servicePackage;
		this.serviceName = lastSegment(servicePackage) + "-service";
		this.domainPackage = domainPackage;
	}

	/**
	 * @param servicePackage the service's base package, e.g. {@code io.orderflow.payment}
	 * @param domainPackage the package of its domain, whose sub-packages are its adapters
	 */
	public static ServiceArchitectureRules forService(String servicePackage, String domainPackage) {
		return new ServiceArchitectureRules(servicePackage, domainPackage);
	}

	public ArchRule noDependencyOnOtherServicesOrTooling() {
		String[] others = SERVICES.stream()
			.filter(service -> !service.equals(servicePackage))
			.map(service -> service + "..")
			.toArray(String[]::new);
		String[] tooling = TOOLING.stream().map(tool -> tool + "..").toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage(tooling)
			.because("services share contracts (shared-events) and the platform libraries, never each other's code, "
					+ "and the product does not lean on its harness");
	}

	/**
	 * A service constructs only the events of its own family in shared-events
	 * ({@code io.orderflow.events.<name>}).
	 */
	public ArchRule constructsOnlyItsOwnEvents() {
		String ownEvents = EVENTS + "." + lastSegment(servicePackage);
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.callConstructorWhere(DescribedPredicate.describe("the constructor belongs to another service's event",
					(JavaConstructorCall call) -> {
						String target = call.getTargetOwner().getPackageName();
						return target.startsWith(EVENTS + ".") && !target.equals(ownEvents)
								&& !target.startsWith(ownEvents + ".");
					}))
			.because("an event is a fact owned by the service that publishes it; " + serviceName
					+ " only consumes the others'");
	}

	public ArchRule domainDependsOnNoAdapter() {
		return noClasses().that()
			.resideInAPackage(domainPackage)
			.should()
			.dependOnClassesThat(
					DescribedPredicate.describe("are in an adapter (a sub-package of " + domainPackage + ")",
							(JavaClass target) -> target.getPackageName().startsWith(domainPackage + ".")))
			.because("adapters depend on the domain, never the other way round");
	}

	public ArchRule domainDependsOnNoTransportFramework() {
		return noClasses().that()
			.resideInAPackage(domainPackage)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(TRANSPORT_FRAMEWORKS)
			.because("the domain knows nothing of HTTP, SQL, Kafka, SMTP or JSON: those belong in its adapters");
	}

	public ArchRule domainUsesMessagingSupportOnlyForTheOutboxAndConsumerFailures() {
		return noClasses().that()
			.resideInAPackage(domainPackage)
			.should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"are platform/messaging classes other than "
							+ MESSAGING_FOR_THE_DOMAIN.stream().map(Class::getSimpleName).sorted().toList(),
					(JavaClass target) -> target.getPackageName().startsWith("io.orderflow.messaging")
							&& MESSAGING_FOR_THE_DOMAIN.stream().noneMatch(target::isEquivalentTo)))
			.because("the domain stages events in the outbox and may say an event can never be processed or must wait "
					+ "for a dependency; the inbox, Kafka and dead letters belong to the messaging adapter");
	}

	/**
	 * @param aggregatesAndValues the service's aggregate, its states and its value types
	 */
	public ArchRule arePlainJava(Class<?>... aggregatesAndValues) {
		return classes().that()
			.belongToAnyOf(aggregatesAndValues)
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", domainPackage)
			.because("the state machine and its values are plain Java, testable without any framework");
	}

	/**
	 * @param deadLetterPublishers classes (fully qualified) that hand consumed records
	 * back to a dead-letter topic
	 */
	public ArchRule eventsLeaveThroughTheOutboxOnly(String... deadLetterPublishers) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.and(DescribedPredicate.describe("are not " + List.of(deadLetterPublishers),
					(JavaClass javaClass) -> !List.of(deadLetterPublishers).contains(javaClass.getName())))
			.should()
			.dependOnClassesThat()
			.areAssignableTo(KafkaOperations.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(Producer.class)
			.because("state and events leave together through the transactional outbox, never save-then-send "
					+ "(properties I4 and I5, docs/architecture.md)");
	}

	public ArchRule kafkaStaysInTheMessagingAdapter() {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.and()
			.resideOutsideOfPackage("..messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(KAFKA)
			.because("records, keys, headers and offsets are the messaging adapter's business; the domain is called "
					+ "with the event alone");
	}

	/**
	 * Record keys are plain strings, so they are recognised by name: this needs the
	 * parameter names in the class files ({@code -parameters}, as Spring Boot's build
	 * configures), and says so when they are missing rather than pass.
	 */
	public ArchRule recordKeysStayInTheMessagingAdapter() {
		return codeUnits().that()
			.areDeclaredInClassesThat()
			.resideInAPackage(servicePackage + "..")
			.and()
			.areDeclaredInClassesThat()
			.resideOutsideOfPackage("..messaging..")
			.should(takeNoRecordKey())
			.because("the listener adapter checks the key against the event's aggregate id; the domain never sees it");
	}

	public ArchRule onlyListenerAdaptersTouchTheInbox() {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.and(DescribedPredicate.not(listenerAdapters()))
			.should()
			.dependOnClassesThat()
			.areAssignableTo(Inbox.class)
			.because("every service claims an event in the same place: the listener adapter, in the transaction "
					+ "that applies the event's effect");
	}

	public ArchRule adaptersDoNotDependOnEachOther() {
		return slices().matching(domainPackage + ".(*)..")
			.should()
			.notDependOnEachOther()
			.because("each adapter talks to the domain only");
	}

	/**
	 * The {@code *Listener} classes of a {@code messaging} package, with their nested
	 * classes.
	 */
	private static DescribedPredicate<JavaClass> listenerAdapters() {
		return DescribedPredicate.describe("listener adapters (messaging.*Listener)", javaClass -> {
			String topLevel = javaClass.getName().substring(javaClass.getPackageName().length() + 1).split("\\$")[0];
			return javaClass.getPackageName().matches(".*\\.messaging(\\..*)?") && topLevel.endsWith("Listener");
		});
	}

	private static ArchCondition<JavaCodeUnit> takeNoRecordKey() {
		return new ArchCondition<>("take no record key") {
			@Override
			public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
				if (!(codeUnit.isMethod() || codeUnit.isConstructor())
						|| !(codeUnit.reflect() instanceof Executable executable) || executable.isSynthetic()) {
					return; // a static initializer, a lambda's body or a bridge: nothing
							// a caller passes a key to
				}
				for (Parameter parameter : executable.getParameters()) {
					if (parameter.isSynthetic() || parameter.isImplicit()) {
						continue;
					}
					if (!parameter.isNamePresent()) {
						events.add(SimpleConditionEvent.violated(codeUnit, codeUnit.getFullName()
								+ " was compiled without parameter names (-parameters): record keys cannot be checked"));
						return;
					}
					if (RECORD_KEY_NAMES.contains(parameter.getName().toLowerCase(Locale.ROOT))) {
						events.add(SimpleConditionEvent.violated(codeUnit,
								codeUnit.getFullName() + " takes a record key: " + parameter.getName()));
					}
				}
			}
		};
	}

	private static String lastSegment(String packageName) {
		return packageName.substring(packageName.lastIndexOf('.') + 1);
	}

}
