package io.orderflow.web.openapi;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Declares nullable, in the OpenAPI document, every property of a record whose component
 * is {@code @org.jspecify.annotations.Nullable}: OpenAPI 3.1
 * {@code type: [string, "null"]} (and {@code null} among the values of an enum,
 * {@code anyOf} with {@code null} for a reference), {@code nullable: true} for OpenAPI
 * 3.0. So a field a service answers as {@code null} is declared so, by the annotation
 * that says so in the code.
 *
 * <p>
 * Swagger Core recognises declaration annotations named {@code Nullable} only; JSpecify's
 * annotates the component's <em>type</em> (a type-use annotation), which it does not see,
 * hence this converter, which reads the record components of the type it resolved.
 */
final class NullableRecordComponents implements ModelConverter {

	private static final String NULL = "null";

	@Override
	@SuppressWarnings("rawtypes")
	public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
		Schema model = (resolved != null && raw.isRecord()) ? modelOf(resolved, context) : null;
		if (model != null && model.getProperties() != null) {
			Map<String, Schema> properties = model.getProperties();
			for (RecordComponent component : raw.getRecordComponents()) {
				Schema property = properties.get(component.getName());
				if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
					properties.put(component.getName(), nullable(property));
				}
			}
		}
		return resolved;
	}

	/**
	 * The schema with the properties: the one resolved, or the component a reference to
	 * it names.
	 */
	@SuppressWarnings("rawtypes")
	private static @Nullable Schema modelOf(Schema resolved, ModelConverterContext context) {
		if (resolved.get$ref() == null) {
			return resolved;
		}
		String ref = resolved.get$ref();
		return context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Schema nullable(Schema property) {
		if (property.get$ref() != null) {
			return new JsonSchema().description(property.getDescription())
				.anyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().typesItem(NULL)));
		}
		Set<String> types = new LinkedHashSet<>();
		if (property.getTypes() != null) {
			types.addAll(property.getTypes());
		}
		else if (property.getType() != null) {
			types.add(property.getType());
		}
		types.add(NULL);
		property.setTypes(types);
		property.setNullable(true);
		if (property.getEnum() != null && !property.getEnum().contains(null)) {
			List<Object> values = new ArrayList<>(property.getEnum());
			values.add(null);
			property.setEnum(values);
		}
		return property;
	}

}
