package io.orderflow.notification.notifications;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The budget of an email whose recipient the mail server refuses for now (greylisting, a
 * full mailbox): {@code orderflow.notification.mail.retry.*}.
 *
 * <p>
 * After its n-th refusal the email waits {@code initial-backoff × 2^(n-1)}, at most
 * {@code max-backoff}, and never past the end of the budget; once the pauses add up to
 * the budget, the next refusal is the last one and the email is dead-lettered. Only
 * refusals spend the budget: an attempt that meets a mail server that is down is no
 * answer about the recipient, and leaves the email as it was
 * (docs/adr/0017-mail-retry-budget.md).
 *
 * @param budget how long in all the pauses after refusals may last: about how long a
 * recipient may keep refusing before the email is given up (the demo's minutes; real
 * greylisting accepts within a quarter of an hour)
 * @param initialBackoff the pause after the first refusal
 * @param maxBackoff the longest pause
 * @param pollInterval how often each instance looks for deferred emails that are due
 */
@Validated
@ConfigurationProperties("orderflow.notification.mail.retry")
public record MailRetryProperties(@NotNull @DefaultValue("10m") Duration budget,
		@NotNull @DefaultValue("1m") Duration initialBackoff, @NotNull @DefaultValue("4m") Duration maxBackoff,
		@NotNull @DefaultValue("5s") Duration pollInterval) {

	@AssertTrue(message = "budget, initial-backoff, max-backoff and poll-interval must be positive, "
			+ "and initial-backoff at most max-backoff")
	public boolean isConsistent() {
		if (budget == null || initialBackoff == null || maxBackoff == null || pollInterval == null) {
			return true; // @NotNull says so
		}
		return budget.isPositive() && initialBackoff.isPositive() && pollInterval.isPositive()
				&& initialBackoff.compareTo(maxBackoff) <= 0;
	}

	/**
	 * How long the email waits after its {@code refusals}-th refusal; empty when the
	 * budget is spent, and the email is to be dead-lettered.
	 * @param refusals 1 after the first refusal
	 */
	public Optional<Duration> pauseAfter(int refusals) {
		if (refusals < 1) {
			throw new IllegalArgumentException("An email is paused after a refusal, not after " + refusals);
		}
		Duration spent = Duration.ZERO;
		Duration backoff = initialBackoff;
		for (int refusal = 1;; refusal++) {
			if (spent.compareTo(budget) >= 0) {
				return Optional.empty();
			}
			Duration pause = min(min(backoff, maxBackoff), budget.minus(spent));
			if (refusal == refusals) {
				return Optional.of(pause);
			}
			spent = spent.plus(pause);
			backoff = min(backoff.multipliedBy(2), maxBackoff);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

}
