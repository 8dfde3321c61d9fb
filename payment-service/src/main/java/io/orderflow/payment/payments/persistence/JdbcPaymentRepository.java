package io.orderflow.payment.payments.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.payment.payments.Payment;
import io.orderflow.payment.payments.PaymentRepository;
import io.orderflow.payment.payments.PaymentStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Payments in PostgreSQL, one row per order. */
@Repository
class JdbcPaymentRepository implements PaymentRepository {

	private static final String COLUMNS = """
			select order_id, customer_id, status, amount, currency, charge_id, decline_reason, refund_id, charge_attempt,
			       refund_attempt, created_at, updated_at
			from payment""";

	private final JdbcClient jdbc;

	JdbcPaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean insert(Payment payment) {
		return jdbc.sql("""
				insert into payment (order_id, customer_id, status, amount, currency, charge_id, decline_reason,
				                     refund_id, charge_attempt, refund_attempt, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing""")
			.params(columns(payment))
			.update() == 1;
	}

	/**
	 * The values of every column, in the order of {@link #insert}'s and
	 * {@link #openIntent}'s.
	 */
	private static Object[] columns(Payment payment) {
		return new Object[] { payment.orderId(), payment.customerId(), payment.status().name(), payment.amount(),
				payment.currency(), payment.chargeId(), payment.declineReason(), payment.refundId(),
				payment.chargeAttempt(), payment.refundAttempt(), Timestamp.from(payment.createdAt()),
				Timestamp.from(payment.updatedAt()) };
	}

	@Override
	public void update(Payment payment) {
		jdbc.sql("""
				update payment set status = ?, charge_id = ?, decline_reason = ?, refund_id = ?, charge_attempt = ?,
				                   refund_attempt = ?, updated_at = ?
				where order_id = ?""")
			.params(payment.status().name(), payment.chargeId(), payment.declineReason(), payment.refundId(),
					payment.chargeAttempt(), payment.refundAttempt(), Timestamp.from(payment.updatedAt()),
					payment.orderId())
			.update();
	}

	/**
	 * One statement where there were three (insert, assign the customer, read back): it
	 * runs for every order.
	 */
	@Override
	public Payment openIntent(Payment intent) {
		return jdbc.sql("""
				insert into payment (order_id, customer_id, status, amount, currency, charge_id, decline_reason,
				                     refund_id, charge_attempt, refund_attempt, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (order_id) do update set customer_id = coalesce(payment.customer_id, excluded.customer_id)
				returning order_id, customer_id, status, amount, currency, charge_id, decline_reason, refund_id,
				          charge_attempt, refund_attempt, created_at, updated_at""")
			.params(columns(intent))
			.query(JdbcPaymentRepository::map)
			.single();
	}

	@Override
	public Optional<Payment> findByOrderId(UUID orderId) {
		return jdbc.sql(COLUMNS + " where order_id = ?").param(orderId).query(JdbcPaymentRepository::map).optional();
	}

	@Override
	public Optional<Payment> lockByOrderId(UUID orderId) {
		return jdbc.sql(COLUMNS + " where order_id = ? for update")
			.param(orderId)
			.query(JdbcPaymentRepository::map)
			.optional();
	}

	private static Payment map(ResultSet rs, int rowNum) throws SQLException {
		return new Payment(rs.getObject("order_id", UUID.class), rs.getString("customer_id"),
				PaymentStatus.valueOf(rs.getString("status")), rs.getBigDecimal("amount"), rs.getString("currency"),
				rs.getString("charge_id"), rs.getString("decline_reason"), rs.getString("refund_id"),
				rs.getInt("charge_attempt"), rs.getInt("refund_attempt"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
