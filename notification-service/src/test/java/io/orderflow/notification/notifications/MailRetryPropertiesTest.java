package io.orderflow.notification.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry budget of a deferred email: pauses doubling up to the longest, the last cut
 * to end with the budget.
 */
class MailRetryPropertiesTest {

	@Test
	void theDemosDefaultsTryAtZeroOneThreeSevenAndTenMinutesThenGiveUp() {
		var retry = new MailRetryProperties(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(4),
				Duration.ofSeconds(5));

		assertThat(pauses(retry)).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
				Duration.ofMinutes(3));
	}

	@Test
	void theLastPauseIsCutSoThatThePausesAddUpToTheBudget() {
		var retry = new MailRetryProperties(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofMillis(200));

		List<Duration> pauses = pauses(retry);

		assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofMillis(500));
		assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void aBudgetShorterThanTheFirstPauseStillGivesOneMoreAttempt() {
		var retry = new MailRetryProperties(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(1),
				Duration.ofSeconds(1));

		assertThat(pauses(retry)).containsExactly(Duration.ofSeconds(10));
	}

	@Test
	void thereIsNoPauseBeforeTheFirstRefusal() {
		var retry = new MailRetryProperties(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(4),
				Duration.ofSeconds(5));

		assertThatThrownBy(() -> retry.pauseAfter(0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void backoffsThatAreNotPositiveOrOutOfOrderAreInconsistent() {
		Duration minute = Duration.ofMinutes(1);

		assertThat(new MailRetryProperties(minute, minute, minute, minute).isConsistent()).isTrue();
		assertThat(new MailRetryProperties(Duration.ZERO, minute, minute, minute).isConsistent()).isFalse();
		assertThat(new MailRetryProperties(minute, Duration.ofMinutes(2), minute, minute).isConsistent()).isFalse();
		assertThat(new MailRetryProperties(minute, minute, minute, Duration.ofSeconds(-1)).isConsistent()).isFalse();
	}

	/** Every pause the budget gives, refusal after refusal, until it gives none. */
	private static List<Duration> pauses(MailRetryProperties retry) {
		List<Duration> pauses = new ArrayList<>();
		for (int refusal = 1;; refusal++) {
			Optional<Duration> pause = retry.pauseAfter(refusal);
			if (pause.isEmpty()) {
				return pauses;
			}
			pauses.add(pause.get());
		}
	}

}
