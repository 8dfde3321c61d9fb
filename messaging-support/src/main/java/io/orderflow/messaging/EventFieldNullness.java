package io.orderflow.messaging;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The contract's rule for the fields of an event, as the evolution rulebook states it
 * ({@code docs/event-evolution.md}): a record component is required unless it is annotated
 * {@code @org.jspecify.annotations.Nullable}.
 *
 * <ul>
 * <li>A <b>required</b> component missing from the JSON, or {@code null} in it, fails the read, naming the field:
 * the record is poison. So does a {@code null} element of a required list, unless the element type is
 * {@code @Nullable} itself.</li>
 * <li>An <b>optional</b> ({@code @Nullable}) component may be missing or {@code null}: it is read as {@code null}. This
 * is what makes adding an optional field a compatible change: records written before it, and records that carry
 * {@code null}, stay readable.</li>
 * </ul>
 *
 * <p>JSpecify's {@code @Nullable} annotates the component's <em>type</em> (a type-use annotation), which Jackson's
 * own annotation lookup does not see, hence this introspector, which finds the record component behind the
 * constructor parameter, field or accessor Jackson asks about. Members of classes that are not records keep
 * Jackson's defaults; explicit {@code @JsonProperty(required = ...)} or {@code @JsonSetter(nulls = ...)} win.
 */
final class EventFieldNullness extends JacksonAnnotationIntrospector {

	@Override
	public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
		Boolean explicit = super.hasRequiredMarker(config, member);
		if (explicit != null) {
			return explicit;
		}
		return componentOf(member).map(component -> !isNullable(component.getAnnotatedType())).orElse(null);
	}

	@Override
	public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated annotated) {
		JsonSetter.Value explicit = super.findSetterInfo(config, annotated);
		if (!(annotated instanceof AnnotatedMember member)) {
			return explicit;
		}
		Optional<RecordComponent> component = componentOf(member);
		if (component.isEmpty()) {
			return explicit;
		}
		AnnotatedType type = component.get().getAnnotatedType();
		JsonSetter.Value rule = JsonSetter.Value.construct(isNullable(type) ? Nulls.DEFAULT : Nulls.FAIL,
				isNullable(elementOf(type)) ? Nulls.DEFAULT : Nulls.FAIL);
		return rule.withOverrides(explicit);
	}

	/** The record component a creator parameter, field or accessor stands for; empty outside records. */
	private static Optional<RecordComponent> componentOf(AnnotatedMember member) {
		Class<?> type = member.getDeclaringClass();
		if (type == null || !type.isRecord()) {
			return Optional.empty();
		}
		RecordComponent[] components = type.getRecordComponents();
		if (member instanceof AnnotatedParameter parameter) {
			boolean canonical = parameter.getOwner().getParameterCount() == components.length
					&& parameter.getIndex() < components.length;
			return canonical ? Optional.of(components[parameter.getIndex()]) : Optional.empty();
		}
		return Arrays.stream(components).filter(component -> component.getName().equals(member.getName())).findFirst();
	}

	private static boolean isNullable(@Nullable AnnotatedType type) {
		return type != null && type.isAnnotationPresent(Nullable.class);
	}

	/** The element type of a list or array component; {@code null} for any other. */
	private static @Nullable AnnotatedType elementOf(AnnotatedType type) {
		if (type instanceof AnnotatedParameterizedType parameterized
				&& parameterized.getAnnotatedActualTypeArguments().length == 1) {
			return parameterized.getAnnotatedActualTypeArguments()[0];
		}
		if (type instanceof AnnotatedArrayType array) {
			return array.getAnnotatedGenericComponentType();
		}
		return null;
	}

}
