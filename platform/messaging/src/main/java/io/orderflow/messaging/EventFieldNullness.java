package io.orderflow.messaging;

import java.lang.reflect.RecordComponent;
import java.util.Optional;

import io.orderflow.events.WireFields;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The contract's rule for the fields of an event ({@link WireFields}), told to Jackson: a
 * record component is required unless it is annotated
 * {@code @org.jspecify.annotations.Nullable}.
 *
 * <ul>
 * <li>A <b>required</b> component missing from the JSON, or {@code null} in it, fails the
 * read, naming the field: the record is poison. So does a {@code null} element of a
 * required list, unless the element type is {@code @Nullable} itself.</li>
 * <li>An <b>optional</b> ({@code @Nullable}) component may be missing or {@code null}: it
 * is read as {@code null}. This is what makes adding an optional field a compatible
 * change: records written before it, and records that carry {@code null}, stay
 * readable.</li>
 * </ul>
 *
 * <p>
 * JSpecify's {@code @Nullable} annotates the component's <em>type</em> (a type-use
 * annotation), which Jackson's own annotation lookup does not see, hence this
 * introspector, which finds the record component behind the constructor parameter, field
 * or accessor Jackson asks about. Members of classes that are not records keep Jackson's
 * defaults; explicit {@code @JsonProperty(required = ...)} or
 * {@code @JsonSetter(nulls = ...)} win.
 */
final class EventFieldNullness extends JacksonAnnotationIntrospector {

	@Override
	public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
		Boolean explicit = super.hasRequiredMarker(config, member);
		if (explicit != null) {
			return explicit;
		}
		return componentOf(member).map(component -> !WireFields.isOptional(component)).orElse(null);
	}

	@Override
	public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated annotated) {
		JsonSetter.Value explicit = super.findSetterInfo(config, annotated);
		if (!(annotated instanceof AnnotatedMember member)) {
			return explicit;
		}
		return componentOf(member)
			.map(component -> JsonSetter.Value.construct(WireFields.isOptional(component) ? Nulls.DEFAULT : Nulls.FAIL,
					WireFields.elementsAreOptional(component) ? Nulls.DEFAULT : Nulls.FAIL)
				.withOverrides(explicit))
			.orElse(explicit);
	}

	/**
	 * The record component behind the constructor parameter, field or accessor Jackson
	 * asks about.
	 */
	private static Optional<RecordComponent> componentOf(AnnotatedMember member) {
		if (member instanceof AnnotatedParameter parameter) {
			return WireFields.componentOf(member.getDeclaringClass(), null, parameter.getIndex(),
					parameter.getOwner().getParameterCount());
		}
		return WireFields.componentOf(member.getDeclaringClass(), member.getName(), -1, 0);
	}

}
