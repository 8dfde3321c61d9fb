package io.orderflow.events.contracts;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import io.orderflow.events.WireFields;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' wire mapping ({@code io.orderflow.messaging.EventJson}, which shared-events must not depend on),
 * with the same rule for fields ({@link WireFields}): a required one missing or {@code null} fails the read, an
 * optional one may be missing or {@code null}, an unknown field is ignored.
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

	/** Required unless {@code @Nullable} ({@link WireFields}), for the record component Jackson asks about. */
	static final class RequiredUnlessNullable extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember member) {
			Boolean explicit = super.hasRequiredMarker(config, member);
			return explicit != null ? explicit
					: componentOf(member).map(component -> !WireFields.isOptional(component)).orElse(null);
		}

		@Override
		public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated annotated) {
			JsonSetter.Value explicit = super.findSetterInfo(config, annotated);
			Optional<RecordComponent> component = annotated instanceof AnnotatedMember member ? componentOf(member)
					: Optional.empty();
			return component.map(found -> JsonSetter.Value
				.construct(WireFields.isOptional(found) ? Nulls.DEFAULT : Nulls.FAIL,
						WireFields.elementsAreOptional(found) ? Nulls.DEFAULT : Nulls.FAIL)
				.withOverrides(explicit)).orElse(explicit);
		}

		private static Optional<RecordComponent> componentOf(AnnotatedMember member) {
			return member instanceof AnnotatedParameter parameter
					? WireFields.componentOf(member.getDeclaringClass(), null, parameter.getIndex(),
							parameter.getOwner().getParameterCount())
					: WireFields.componentOf(member.getDeclaringClass(), member.getName(), -1, 0);
		}

	}

}
