package io.orderflow.security;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.util.ClassUtils;

/**
 * Who may read the actuator: anyone its health (probes and load balancers carry no
 * token), the operator everything else. Prometheus scrapes without a token only on a
 * management port of its own, which a deployment keeps off the published ports: so an
 * identity provider outage never blinds the monitoring that watches it (ADR 0022).
 */
final class ActuatorAccess {

	private static final boolean ACTUATOR_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest",
			ActuatorAccess.class.getClassLoader());

	private ActuatorAccess() {
	}

	static void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			String operatorAuthority, Environment environment) {
		if (!ACTUATOR_PRESENT) {
			return;
		}
		requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
		if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) {
			requests.requestMatchers(EndpointRequest.to("prometheus")).permitAll();
		}
		requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(operatorAuthority);
	}

}
