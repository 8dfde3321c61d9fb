package io.orderflow.order.orders.web;

import java.util.Map;
import java.util.UUID;

import io.micrometer.common.KeyValue;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.tracing.AggregateCorrelation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Marks a request about an order with the order's id: on its HTTP server span
 * ({@code orderflow.order.id}) and in the log context ({@code orderId}) of every line
 * logged while it is handled. The id comes from the path ({@code /api/orders/{id}/...})
 * or, for a new order, from the controller once the order is placed.
 */
@Component
class OrderRequestCorrelation implements HandlerInterceptor, WebMvcConfigurer {

	private static final String ORDER_ID = "id";

	private static final AggregateCorrelation ORDER = AggregateCorrelation.of(OrderEvent.CATALOG);

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/orders/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get(ORDER_ID) instanceof String id) {
			// an id that is not a UUID is refused with a 400 later; it is input, and
			// stays out of spans and logs
			AggregateCorrelation.idOf(id).map(UUID::fromString).ifPresent(orderId -> about(request, orderId));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		MDC.remove(ORDER.logKey());
	}

	/** The current request is about this order, from here on. */
	static void about(UUID orderId) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			about(attributes.getRequest(), orderId);
		}
	}

	private static void about(HttpServletRequest request, UUID orderId) {
		String id = orderId.toString();
		MDC.put(ORDER.logKey(), id);
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent(context -> context.addHighCardinalityKeyValue(KeyValue.of(ORDER.spanTag(), id)));
	}

}
