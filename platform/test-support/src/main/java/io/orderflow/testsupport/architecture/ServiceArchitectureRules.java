package io.orderflow.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Arrays;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.kafka.core.KafkaOperations;

/**
 * The boundary rules every consuming service keeps, built for one service. Each service's architecture test still
 * declares its own {@code @ArchTest} fields (their names are the test names) and says what differs: which other
 * services exist, which adapters and transport frameworks it has, and why.
 */
public final class ServiceArchitectureRules {

	private final String servicePackage;

	private final String serviceName;

	private final String domainPackage;

	private ServiceArchitectureRules(String servicePackage, String serviceName, String domainPackage) {
		this.servicePackage = servicePackage;
		this.serviceName = serviceName;
		this.domainPackage = domainPackage;
	}

	/**
	 * @param servicePackage the service's root package, e.g. {@code io.orderflow.payment}
	 * @param serviceName the service's name in explanations, e.g. {@code payment-service}
	 * @param domainPackage the package of its domain, whose sub-packages are its adapters
	 */
	public static ServiceArchitectureRules forService(String servicePackage, String serviceName, String domainPackage) {
		return new ServiceArchitectureRules(servicePackage, serviceName, domainPackage);
	}

	public ArchRule noDependencyOnOtherServices(String... otherServicePackages) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Arrays.stream(otherServicePackages).map(other -> other + "..").toArray(String[]::new))
			.because("services share contracts (shared-events), never code");
	}

	public ArchRule orderEventsAreOnlyRead() {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.callConstructorWhere(DescribedPredicate.describe("the constructor belongs to an order event",
					(JavaConstructorCall call) -> call.getTargetOwner().getPackageName().startsWith("io.orderflow.events.order")))
			.because("order-service owns the order events; " + serviceName + " only consumes them");
	}

	/** @param adapters the domain's adapter sub-packages, e.g. {@code web}, {@code persistence} */
	public ArchRule domainDependsOnNoAdapter(String... adapters) {
		return noClasses().that()
			.resideInAPackage(domainPackage)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Arrays.stream(adapters).map(adapter -> domainPackage + "." + adapter + "..").toArray(String[]::new))
			.because("adapters depend on the domain, never the other way round");
	}

	/** @param frameworkPackages package patterns, e.g. {@code org.springframework.web..} */
	public ArchRule domainDependsOnNoTransportFramework(String because, String... frameworkPackages) {
		return noClasses().that()
			.resideInAPackage(domainPackage)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(frameworkPackages)
			.because(because);
	}

	public ArchRule adaptersDoNotDependOnEachOther() {
		return slices().matching(domainPackage + ".(*)..")
			.should()
			.notDependOnEachOther()
			.because("each adapter talks to the domain only");
	}

	public ArchRule nothingSendsToKafkaDirectly(String because) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat()
			.areAssignableTo(KafkaOperations.class)
			.because(because);
	}

}
