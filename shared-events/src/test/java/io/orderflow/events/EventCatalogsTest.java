package io.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.orderflow.events.order.OrderEvent;
import org.junit.jupiter.api.Test;

/**
 * The catalogs are the only way a type name becomes a class: they must be complete and
 * unambiguous.
 */
class EventCatalogsTest {

	private static final Pattern WIRE_TYPE = Pattern.compile("orderflow\\.([a-z]+)\\.[a-z-]+\\.v[0-9]+");

	@Test
	void everySealedEventFamilyIsListed() {
		Set<String> sealedFamilies = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.orderflow.events")
			.stream()
			.filter(JavaClass::isInterface)
			.filter(JavaClass::isSealed)
			.filter(c -> c.isAssignableTo(IntegrationEvent.class))
			.map(JavaClass::getName)
			.collect(Collectors.toSet());

		assertThat(EventFamilies.CATALOGS).extracting(c -> c.family().getName())
			.as("add every producer's catalog to EventFamilies.CATALOGS")
			.containsExactlyInAnyOrderElementsOf(sealedFamilies);
	}

	@Test
	void everyPermittedSubclassIsRegisteredInItsCatalog() {
		for (EventCatalog<?> catalog : EventFamilies.CATALOGS) {
			assertThat(catalog.family().isSealed()).as("%s is sealed", catalog.family()).isTrue();
			List<Class<?>> registered = new ArrayList<>(catalog.entries().values());
			assertThat(registered).as("classes registered in the catalog of %s", catalog.family())
				.containsExactlyInAnyOrder(catalog.family().getPermittedSubclasses());
		}
	}

	@Test
	void everyFamilyExposesItsTopicAndCatalog() throws ReflectiveOperationException {
		for (EventCatalog<?> catalog : EventFamilies.CATALOGS) {
			Class<?> family = catalog.family();
			assertThat(family.getField("CATALOG").get(null)).isSameAs(catalog);
			assertThat(family.getField("TOPIC").get(null)).isEqualTo(catalog.topic());
		}
	}

	@Test
	void wireTypeNamesAreWellFormedAndUniqueAcrossCatalogs() {
		List<String> all = new ArrayList<>();
		for (EventCatalog<?> catalog : EventFamilies.CATALOGS) {
			Set<String> producers = catalog.types().stream().map(type -> {
				Matcher matcher = WIRE_TYPE.matcher(type);
				assertThat(matcher.matches()).as("wire type %s matches %s", type, WIRE_TYPE).isTrue();
				return matcher.group(1);
			}).collect(Collectors.toSet());
			assertThat(producers).as("one producer segment per family in %s", catalog.family()).hasSize(1);
			all.addAll(catalog.types());
		}
		assertThat(all).doesNotHaveDuplicates();
	}

	@Test
	void eachProducerHasItsOwnTopicSourceAndTypePrefix() {
		assertThat(EventFamilies.CATALOGS).extracting(EventCatalog::topic).doesNotHaveDuplicates();
		assertThat(EventFamilies.CATALOGS).extracting(EventCatalog::source).doesNotHaveDuplicates();
		assertThat(EventFamilies.CATALOGS).extracting(catalog -> catalog.types().iterator().next().split("\\.")[1])
			.doesNotHaveDuplicates();
	}

	@Test
	void bothOrderflowFamiliesAreAboutTheOrder() {
		assertThat(EventFamilies.CATALOGS).extracting(EventCatalog::aggregate).containsOnly("order");
	}

	@Test
	void theAggregateIdIsTheFieldNamedAfterTheAggregate() {
		for (IntegrationEvent event : SampleEvents.all()) {
			String field = EventFamilies.catalogByType().get(EventFamilies.typeOf(event)).aggregate() + "Id";
			assertThat(Arrays.stream(event.getClass().getRecordComponents()).map(c -> c.getName()))
				.as("fields of %s", event.getClass())
				.contains(field);
		}
		assertThat(SampleEvents.all()).extracting(IntegrationEvent::aggregateId).containsOnly(SampleEvents.ORDER_ID);
	}

	@Test
	void anAggregateIsNamedByOneLowerCamelCaseWord() {
		for (String name : new String[] { null, "", "Order", "purchase-order", "order id", "order.line" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.of(OrderEvent.class, name, "t", "/s"))
				.withMessageContaining("lower camel case");
		}
		assertThat(EventCatalog.of(OrderEvent.class, "purchaseOrder", "t", "/s").aggregate())
			.isEqualTo("purchaseOrder");
	}

	@Test
	void lookupsAreSymmetric() {
		for (EventCatalog<?> catalog : EventFamilies.CATALOGS) {
			catalog.entries()
				.forEach((type, eventClass) -> assertThat(catalog.classOf(type).<Class<?>>map(c -> c))
					.contains(eventClass));
			assertThat(catalog.classOf("orderflow.unknown.thing.v1")).isEmpty();
		}
		SampleEvents.all()
			.forEach(event -> assertThat(EventFamilies.classOf(EventFamilies.typeOf(event)))
				.isEqualTo(event.getClass()));
	}

}
