package io.orderflow.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.notification.notifications.DeferredEmail;
import io.orderflow.notification.notifications.Delivery;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationStatus;
import io.orderflow.notification.notifications.Outcome;
import io.orderflow.testsupport.architecture.ServiceArchitectureRules;

/**
 * notification-service's boundaries, checked on its production classes: the rules every
 * service keeps.
 */
@AnalyzeClasses(packages = "io.orderflow.notification", importOptions = ImportOption.DoNotIncludeTests.class)
final class NotificationServiceArchitectureTest {

	private static final ServiceArchitectureRules rules = ServiceArchitectureRules
		.forService("io.orderflow.notification", "io.orderflow.notification.notifications");

	@ArchTest
	static final ArchRule noDependencyOnOtherServicesOrTooling = rules.noDependencyOnOtherServicesOrTooling();

	@ArchTest
	static final ArchRule constructsOnlyItsOwnEvents = rules.constructsOnlyItsOwnEvents();

	@ArchTest
	static final ArchRule domainDependsOnNoAdapter = rules.domainDependsOnNoAdapter();

	@ArchTest
	static final ArchRule domainDependsOnNoTransportFramework = rules.domainDependsOnNoTransportFramework();

	@ArchTest
	static final ArchRule domainUsesMessagingSupportOnlyForTheOutboxAndConsumerFailures = rules
		.domainUsesMessagingSupportOnlyForTheOutboxAndConsumerFailures();

	@ArchTest
	static final ArchRule aggregateAndValuesArePlainJava = rules.arePlainJava(Notification.class, Outcome.class,
			NotificationStatus.class, DeferredEmail.class, Delivery.class);

	/**
	 * The shared rule, with the one publisher this service has: it publishes no events of
	 * its own, but hands the event behind an undeliverable email back to its dead-letter
	 * topic, as the consumer's error handler does.
	 */
	@ArchTest
	static final ArchRule eventsLeaveThroughTheOutboxOnly = rules
		.eventsLeaveThroughTheOutboxOnly("io.orderflow.notification.notifications.messaging.EmailDeadLetters");

	@ArchTest
	static final ArchRule kafkaStaysInTheMessagingAdapter = rules.kafkaStaysInTheMessagingAdapter();

	@ArchTest
	static final ArchRule recordKeysStayInTheMessagingAdapter = rules.recordKeysStayInTheMessagingAdapter();

	@ArchTest
	static final ArchRule onlyListenerAdaptersTouchTheInbox = rules.onlyListenerAdaptersTouchTheInbox();

	@ArchTest
	static final ArchRule adaptersDoNotDependOnEachOther = rules.adaptersDoNotDependOnEachOther();

	private NotificationServiceArchitectureTest() {
	}

}
