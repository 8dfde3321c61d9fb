package io.orderflow.testsupport.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * Every event family shared-events publishes, found in its jar as its
 * {@code EventCatalogsTest} finds them (each sealed {@link IntegrationEvent} family
 * exposes its {@code CATALOG}), so that a new producer is known to every consumer's
 * contract check without being listed twice.
 */
final class PublishedEvents {

	private static final Map<String, EventCatalog<?>> CATALOG_BY_TYPE = discover();

	private PublishedEvents() {
	}

	/** Every registered wire type, sorted, with the catalog that owns it. */
	static Map<String, EventCatalog<?>> catalogByType() {
		return CATALOG_BY_TYPE;
	}

	/**
	 * The producer a catalog belongs to: the last segment of its CloudEvents source
	 * ({@code order-service}).
	 */
	static String producerOf(EventCatalog<?> catalog) {
		String source = catalog.source();
		return source.substring(source.lastIndexOf('/') + 1);
	}

	private static Map<String, EventCatalog<?>> discover() {
		Map<String, EventCatalog<?>> byType = new TreeMap<>();
		new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(IntegrationEvent.class.getPackageName())
			.stream()
			.filter(JavaClass::isInterface)
			.filter(JavaClass::isSealed)
			.filter(family -> family.isAssignableTo(IntegrationEvent.class))
			.map(PublishedEvents::catalogOf)
			.forEach(catalog -> catalog.types().forEach(type -> byType.put(type, catalog)));
		if (byType.isEmpty()) {
			throw new IllegalStateException("No event family of shared-events on the classpath");
		}
		return Collections.unmodifiableMap(byType);
	}

	private static EventCatalog<?> catalogOf(JavaClass family) {
		try {
			return (EventCatalog<?>) family.reflect().getField("CATALOG").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(family.getName() + " exposes no CATALOG", ex);
		}
	}

}
