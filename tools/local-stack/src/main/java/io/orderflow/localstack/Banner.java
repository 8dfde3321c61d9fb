package io.orderflow.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.orderflow.localstack.process.ServiceProcess;

/**
 * What the demo prints once everything is up: where each piece is and what to try first.
 */
final class Banner {

	private Banner() {
	}

	static String describe(LocalStack stack, Path workDirectory) {
		return """

				orderflow is up. Ctrl-C stops everything.

				  console               http://localhost:%d/   (the system live; place orders, stop services, take the tour)
				  order-service         http://localhost:%d/api/orders%s
				  payment-service       http://localhost:%d/api/payments?orderId=...%s
				  notification-service  http://localhost:%d/api/notifications?orderId=...%s
				  metrics (no token)    http://localhost:%d/actuator/prometheus, :%s (management ports, 127.0.0.1 only)
				  authorization server  %s   (customers customer-c-42, customer-c-43 and operator ops; secret demo)
				  Kafka                 %s   (SASL SCRAM-SHA-512 only: a user per service, console read-only;
				                        passwords in %s/kafka-<user>)
				  PostgreSQL            %s (databases order_service, payment_service, notification_service,
				                        each owned by the role of the same name; passwords in %s)
				  payment provider      %s/v1/ledger   (faults: PUT %s/v1/admin/faults)
				  SMTP                  127.0.0.1:%d
				  traces (Zipkin API)   %s/api/v2/traces?limit=5   (one trace: %s/api/v2/trace/{traceId})
				  logs                  %s

				Try (a customer's token, then an order as that customer):
				  TOKEN=$(curl -s -u customer-c-42:demo -d grant_type=client_credentials %s | jq -r .access_token)
				  curl -si -X POST localhost:%d/api/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
				    -d '{"currency":"EUR","paymentMethod":"pm_card_visa","lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}'
				"""
			.formatted(stack.console().port(), stack.service(OrderflowService.ORDER).port(),
					furtherInstances(stack, OrderflowService.ORDER), stack.service(OrderflowService.PAYMENT).port(),
					furtherInstances(stack, OrderflowService.PAYMENT),
					stack.service(OrderflowService.NOTIFICATION).port(),
					furtherInstances(stack, OrderflowService.NOTIFICATION),
					stack.service(OrderflowService.ORDER).managementPort(), otherManagementPorts(stack),
					stack.identity().issuer(), stack.kafkaBootstrapServers(),
					LocalStack.secretsDirectory(workDirectory), stack.postgres().jdbcUrl("<database>"),
					LocalStack.secretsDirectory(workDirectory), stack.provider().baseUri(), stack.provider().baseUri(),
					stack.smtp().port(), stack.spanCollector().baseUri(), stack.spanCollector().baseUri(),
					workDirectory.resolve("logs"), stack.identity().tokenUri(),
					stack.service(OrderflowService.ORDER).port());
	}

	/** " (and :18081)" when the stack runs more than one instance of each service. */
	private static String furtherInstances(LocalStack stack, OrderflowService service) {
		List<ServiceProcess> instances = stack.instances(service);
		if (instances.size() == 1) {
			return "";
		}
		return instances.subList(1, instances.size())
			.stream()
			.map(instance -> ":" + instance.port())
			.collect(Collectors.joining(", ", "   (and ", ")"));
	}

	private static String otherManagementPorts(LocalStack stack) {
		return stack.allInstances()
			.stream()
			.skip(1)
			.map(ServiceProcess::managementPort)
			.sorted()
			.map(String::valueOf)
			.collect(Collectors.joining(", :"));
	}

}
