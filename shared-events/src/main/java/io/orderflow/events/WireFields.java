package io.orderflow.events;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The contracts' one rule for an event's fields on the wire
 * ({@code docs/event-evolution.md}): a record component is required unless its type is
 * annotated {@code @org.jspecify.annotations.Nullable}; so is each element of a list or
 * array component unless the element type is. A required field missing or {@code null}
 * makes the record poison; an optional one may be missing or {@code null}, which is what
 * makes adding an optional field a compatible change.
 *
 * <p>
 * Plain reflection, no framework: every JSON mapping of the events (the services', the
 * contract checks') asks this class instead of restating the rule.
 */
public final class WireFields {

	private WireFields() {
	}

	public static boolean isOptional(RecordComponent component) {
		return isNullable(component.getAnnotatedType());
	}

	/**
	 * For a list or array component, whether its elements may be {@code null};
	 * {@code false} for any other.
	 */
	public static boolean elementsAreOptional(RecordComponent component) {
		AnnotatedType type = component.getAnnotatedType();
		if (type instanceof AnnotatedParameterizedType parameterized
				&& parameterized.getAnnotatedActualTypeArguments().length == 1) {
			return isNullable(parameterized.getAnnotatedActualTypeArguments()[0]);
		}
		return type instanceof AnnotatedArrayType array && isNullable(array.getAnnotatedGenericComponentType());
	}

	/**
	 * The record component a field, an accessor or a parameter of the canonical
	 * constructor stands for; empty for a type that is not a record or a member that is
	 * none of these.
	 * @param parameter the position of a constructor parameter, or {@code -1} for a field
	 * or accessor
	 * @param parameterCount the constructor's number of parameters (ignored for a field
	 * or accessor)
	 */
	public static Optional<RecordComponent> componentOf(@Nullable Class<?> type, @Nullable String name, int parameter,
			int parameterCount) {
		if (type == null || !type.isRecord()) {
			return Optional.empty();
		}
		RecordComponent[] components = type.getRecordComponents();
		if (parameter >= 0) {
			boolean canonical = parameterCount == components.length && parameter < components.length;
			return canonical ? Optional.of(components[parameter]) : Optional.empty();
		}
		return Arrays.stream(components).filter(component -> component.getName().equals(name)).findFirst();
	}

	private static boolean isNullable(@Nullable AnnotatedType type) {
		return type != null && type.isAnnotationPresent(Nullable.class);
	}

}
