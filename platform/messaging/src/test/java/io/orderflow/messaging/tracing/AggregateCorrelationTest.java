package io.orderflow.messaging.tracing;

import java.util.Map;
import java.util.UUID;

import io.micrometer.common.KeyValue;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.evolution.ShipmentEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: what traces and logs call an aggregate id comes from the family's catalog alone,
 * so orderflow keeps the names its dashboards, alerts and log searches read, and a fork
 * whose aggregate is a shipment gets its own with no setting.
 */
class AggregateCorrelationTest {

	@AfterEach
	void clearLogContext() {
		MDC.clear();
	}

	@Test
	void orderflowsFamiliesAreAboutTheOrder() {
		for (AggregateCorrelation order : new AggregateCorrelation[] { AggregateCorrelation.of(OrderEvent.CATALOG),
				AggregateCorrelation.of(PaymentEvent.CATALOG) }) {
			assertThat(order.spanTag()).isEqualTo("orderflow.order.id");
			assertThat(order.logKey()).isEqualTo("orderId");
		}
	}

	@Test
	void aShipmentFamilyNamesTheShipment() {
		AggregateCorrelation shipment = AggregateCorrelation.of(ShipmentEvent.CATALOG);

		assertThat(shipment.spanTag()).isEqualTo("orderflow.shipment.id");
		assertThat(shipment.logKey()).isEqualTo("shipmentId");
	}

	@Test
	void eachRecordIsTaggedWithTheAggregateOfItsTopicsFamily() {
		AggregateCorrelations correlations = AggregateCorrelations
			.of(Map.of(ShipmentEvent.TOPIC, ShipmentEvent.CATALOG, OrderEvent.TOPIC, OrderEvent.CATALOG));
		String id = UUID.randomUUID().toString();

		assertThat(correlations.spanTagOf(ShipmentEvent.TOPIC, id)).contains(KeyValue.of("orderflow.shipment.id", id));
		assertThat(correlations.spanTagOf(OrderEvent.TOPIC, id)).contains(KeyValue.of("orderflow.order.id", id));
		assertThat(correlations.spanTagOf("orderflow.unknown.events", id)).isEmpty();
	}

	@Test
	void theCurrentAggregateIsWhatTheLogContextHoldsUnderItsKey() {
		AggregateCorrelation shipment = AggregateCorrelation.of(ShipmentEvent.CATALOG);
		String id = UUID.randomUUID().toString();
		MDC.put("orderId", UUID.randomUUID().toString());
		assertThat(shipment.current()).isEmpty();

		MDC.put("shipmentId", id);

		assertThat(shipment.current()).contains(id);
	}

	@Test
	void onlyACanonicalUuidIsAnAggregateId() {
		UUID id = UUID.randomUUID();

		assertThat(AggregateCorrelation.idOf(id.toString().toUpperCase())).contains(id.toString());
		assertThat(AggregateCorrelation.idOf("<script>")).isEmpty();
		assertThat(AggregateCorrelation.idOf("x".repeat(2000))).isEmpty();
		assertThat(AggregateCorrelation.idOf(null)).isEmpty();
		assertThat(AggregateCorrelation.idOf(id)).as("a key that is not a string").isEmpty();
	}

}
