package io.orderflow.events.contracts;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' wire mapping ({@code io.orderflow.messaging.EventJson} and its {@code EventFieldNullness}, which
 * shared-events must not depend on, so the rule is restated here): a record component is required unless it is
 * annotated {@code @Nullable}; a required one missing or {@code null} fails the read, an optional one may be missing
 * or {@code null}, an unknown field is ignored.
 */
final class WireMapping {

	static final JsonMapper WIRE = JsonMapper.builder()
		.annotationIntrospector(new RequiredUnlessNullable())
		.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private WireMapping() {
	}

	/** Required unless {@code @Nullable}, for the record component behind a creator parameter, field or accessor. */
	static final class RequiredUnlessNullable extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
			Boolean explicit = super.hasRequiredMarker(config, member);
			return explicit != null ? explicit
					: componentOf(member).map(component -> !nullable(component.getAnnotatedType())).orElse(null);
		}

		@Override
		public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated annotated) {
			JsonSetter.Value explicit = super.findSetterInfo(config, annotated);
			Optional<RecordComponent> component = annotated instanceof AnnotatedMember member ? componentOf(member)
					: Optional.empty();
			if (component.isEmpty()) {
				return explicit;
			}
			AnnotatedType type = component.get().getAnnotatedType();
			return JsonSetter.Value.construct(nullable(type) ? Nulls.DEFAULT : Nulls.FAIL,
					nullable(elementOf(type)) ? Nulls.DEFAULT : Nulls.FAIL).withOverrides(explicit);
		}

		private static Optional<RecordComponent> componentOf(AnnotatedMember member) {
			Class<?> type = member.getDeclaringClass();
			if (type == null || !type.isRecord()) {
				return Optional.empty();
			}
			RecordComponent[] components = type.getRecordComponents();
			if (member instanceof AnnotatedParameter parameter) {
				return parameter.getOwner().getParameterCount() == components.length
						? Optional.of(components[parameter.getIndex()]) : Optional.empty();
			}
			return Arrays.stream(components).filter(component -> component.getName().equals(member.getName())).findFirst();
		}

		private static boolean nullable(@Nullable AnnotatedType type) {
			return type != null && type.isAnnotationPresent(Nullable.class);
		}

		private static @Nullable AnnotatedType elementOf(AnnotatedType type) {
			if (type instanceof AnnotatedParameterizedType parameterized
					&& parameterized.getAnnotatedActualTypeArguments().length == 1) {
				return parameterized.getAnnotatedActualTypeArguments()[0];
			}
			return type instanceof AnnotatedArrayType array ? array.getAnnotatedGenericComponentType() : null;
		}

	}

}
