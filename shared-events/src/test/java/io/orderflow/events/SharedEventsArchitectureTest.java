package io.orderflow.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * shared-events holds contracts only: plain records, no frameworks, one package per
 * producer.
 */
@AnalyzeClasses(packages = "io.orderflow.events", importOptions = ImportOption.DoNotIncludeTests.class)
final class SharedEventsArchitectureTest {

	@ArchTest
	static final ArchRule contractsDependOnNoFramework = noClasses().that()
		.resideInAPackage("io.orderflow.events..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "jakarta.validation..", "tools.jackson..",
				"com.fasterxml..", "org.hibernate..")
		.because("every service, whatever its stack, must be able to read the contracts; the wire format is"
				+ " defined by the committed JSON Schemas, not by annotations");

	@ArchTest
	static final ArchRule eventsAreRecords = classes().that()
		.resideInAnyPackage("io.orderflow.events.order..", "io.orderflow.events.payment..")
		.and(DescribedPredicate.not(sealedInterface()))
		.and()
		.doNotHaveSimpleName("package-info")
		.should(beRecordsOrEnums())
		.because("events are immutable values whose components are exactly the JSON properties");

	@ArchTest
	static final ArchRule producersDoNotDependOnEachOther = slices().matching("io.orderflow.events.(*)..")
		.should()
		.notDependOnEachOther()
		.because("each producer owns one package (order-service: order, payment-service: payment)");

	@ArchTest
	static final ArchRule commonTypesDoNotDependOnAProducer = noClasses().that()
		.resideInAPackage("io.orderflow.events")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.orderflow.events.order..", "io.orderflow.events.payment..");

	private static DescribedPredicate<JavaClass> sealedInterface() {
		return DescribedPredicate.describe("sealed interfaces", c -> c.isInterface() && c.isSealed());
	}

	private static ArchCondition<JavaClass> beRecordsOrEnums() {
		return new ArchCondition<>("be records or enums") {
			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				boolean satisfied = javaClass.isRecord() || javaClass.isEnum();
				events.add(new SimpleConditionEvent(javaClass, satisfied, javaClass.getName()
						+ (satisfied ? " is a record or an enum" : " is neither a record nor an enum")));
			}
		};
	}

	private SharedEventsArchitectureTest() {
	}

}
