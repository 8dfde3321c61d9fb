package io.orderflow.notification.notifications.mail;

/**
 * Jakarta Mail looks up its stream provider for every message it writes, by default
 * through a ServiceLoader scan of the class path (jakartaee/mail-api#861): 14 % of
 * notification-service's CPU under load. Named by a system property, the lookup is a
 * class already loaded.
 */
final class JakartaMailStreamProvider {

	static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	/** Angus Mail's, the implementation Spring Boot's mail starter brings. */
	static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

	private JakartaMailStreamProvider() {
	}

	/** Names Angus Mail's provider, unless the JVM was started with another. */
	static void nameUnlessNamed() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, ANGUS);
		}
	}

}
