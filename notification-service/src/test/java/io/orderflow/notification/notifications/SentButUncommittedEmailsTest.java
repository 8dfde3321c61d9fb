package io.orderflow.notification.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit test: an email sent in a transaction that rolled back is recorded, not sent, when
 * its event comes back.
 */
class SentButUncommittedEmailsTest {

	private final SentButUncommittedEmails emails = new SentButUncommittedEmails();

	private final List<String> sent = new ArrayList<>();

	private final Mailer mailer = notification -> {
		sent.add(notification.messageId());
		return Delivery.ACCEPTED;
	};

	private final Notification confirmed = new Notification(UUID.randomUUID(), Outcome.CONFIRMED, "ada@example.com",
			"Your order is confirmed", "body", UUID.randomUUID(), Instant.now());

	@Test
	void anEmailWhoseTransactionRolledBackIsNotSentAgainWhenItsEventComesBack() {
		inTransactionEndingWith(TransactionSynchronization.STATUS_ROLLED_BACK,
				() -> emails.sendOnce(confirmed, mailer));
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED, () -> emails.sendOnce(confirmed, mailer));

		assertThat(sent).containsExactly(confirmed.messageId());
	}

	@Test
	void onceRecordedTheEmailIsForgotten() {
		inTransactionEndingWith(TransactionSynchronization.STATUS_ROLLED_BACK,
				() -> emails.sendOnce(confirmed, mailer));
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED, () -> emails.sendOnce(confirmed, mailer));
		// the inbox stops a third delivery before it gets here; were it not, memory would
		// not stop it either
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED, () -> emails.sendOnce(confirmed, mailer));

		assertThat(sent).containsExactly(confirmed.messageId(), confirmed.messageId());
	}

	@Test
	void aFailedSendIsNotRememberedAsSent() {
		Mailer down = notification -> {
			throw new IllegalStateException("mail server down");
		};
		inTransactionEndingWith(TransactionSynchronization.STATUS_ROLLED_BACK, () -> {
			try {
				emails.sendOnce(confirmed, down);
			}
			catch (IllegalStateException expected) {
				// the listener's transaction rolls back
			}
		});
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED, () -> emails.sendOnce(confirmed, mailer));

		assertThat(sent).containsExactly(confirmed.messageId());
	}

	@Test
	void anEmailTheServerRefusedIsNotRememberedAsSent() {
		Mailer greylisting = notification -> {
			sent.add(notification.messageId());
			return new Delivery.Deferred("450 4.2.0 Greylisted, try again later");
		};
		inTransactionEndingWith(TransactionSynchronization.STATUS_ROLLED_BACK,
				() -> emails.sendOnce(confirmed, greylisting));
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED, () -> emails.sendOnce(confirmed, mailer));

		assertThat(sent).as("offered twice: the refusal sent nothing").hasSize(2);
	}

	@Test
	void anEmailSentInATransactionThatRolledBackCountsAsAccepted() {
		inTransactionEndingWith(TransactionSynchronization.STATUS_ROLLED_BACK,
				() -> emails.sendOnce(confirmed, mailer));
		Delivery[] second = new Delivery[1];
		inTransactionEndingWith(TransactionSynchronization.STATUS_COMMITTED,
				() -> second[0] = emails.sendOnce(confirmed, mailer));

		assertThat(second[0]).isEqualTo(Delivery.ACCEPTED);
		assertThat(sent).hasSize(1);
	}

	/**
	 * What a transaction manager does around the work: synchronisations, then their
	 * completion callbacks.
	 */
	private static void inTransactionEndingWith(int status, Runnable work) {
		TransactionSynchronizationManager.initSynchronization();
		try {
			work.run();
			TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.afterCompletion(status));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

}
