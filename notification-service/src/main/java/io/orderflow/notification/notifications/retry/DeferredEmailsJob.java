package io.orderflow.notification.notifications.retry;

import io.orderflow.notification.notifications.DeferredEmails;
import io.orderflow.notification.notifications.MailRetryProperties;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code orderflow.notification.mail.retry.poll-interval}, on every instance, sends
 * the deferred emails that are due ({@link DeferredEmails}); the rounds of one instance
 * never overlap, and instances pass over each other's emails.
 */
@Component
class DeferredEmailsJob implements SchedulingConfigurer {

	private final DeferredEmails deferred;

	private final MailRetryProperties retry;

	DeferredEmailsJob(DeferredEmails deferred, MailRetryProperties retry) {
		this.deferred = deferred;
		this.retry = retry;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(deferred::retryDue, retry.pollInterval());
	}

}
