package io.orderflow.order.orders;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A domain class that talks SQL, on purpose: {@code OrderServiceArchitectureRulesTest}
 * checks the rule notices.
 */
class ArchFixtureDomainUsingJdbc {

	JdbcClient jdbc;

}
