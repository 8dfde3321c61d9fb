package io.orderflow.mail.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which recipients the SMTP server refuses at {@code RCPT TO}, by domain, the way real
 * mail servers do: a greylisting server answers {@code 450 4.2.0} ("try again later") and
 * a server without such a mailbox {@code 550 5.1.1} ("no such user"). Every other domain
 * is delivered. Thread-safe and switchable while the server runs, so a test can greylist
 * a domain and later let it through.
 *
 * <p>
 * The replies follow Postfix's wording. A domain matches case-insensitively and exactly
 * (no subdomains).
 */
public final class RecipientPolicy {

	/** Greylisted by {@link #defaults()}: every address there gets {@code 450 4.2.0}. */
	public static final String GREYLISTED_DOMAIN = "greylisted.test";

	/** Unknown by {@link #defaults()}: every address there gets {@code 550 5.1.1}. */
	public static final String NONEXISTENT_DOMAIN = "nonexistent.test";

	private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();

	private RecipientPolicy() {
	}

	/**
	 * {@value #GREYLISTED_DOMAIN} greylisted, {@value #NONEXISTENT_DOMAIN} unknown, every
	 * other domain delivered.
	 */
	public static RecipientPolicy defaults() {
		return acceptingAll().greylist(GREYLISTED_DOMAIN).reject(NONEXISTENT_DOMAIN);
	}

	/** Delivers to every domain until told otherwise. */
	public static RecipientPolicy acceptingAll() {
		return new RecipientPolicy();
	}

	/**
	 * From now on every address at {@code domain} gets {@code 450 4.2.0}: try again
	 * later.
	 */
	public RecipientPolicy greylist(String domain) {
		refusals.put(normalized(domain), Refusal.GREYLISTED);
		return this;
	}

	/**
	 * From now on every address at {@code domain} gets {@code 550 5.1.1}: no such user.
	 */
	public RecipientPolicy reject(String domain) {
		refusals.put(normalized(domain), Refusal.NO_SUCH_USER);
		return this;
	}

	/** From now on addresses at {@code domain} are delivered. */
	public RecipientPolicy accept(String domain) {
		refusals.remove(normalized(domain));
		return this;
	}

	/**
	 * The server's reply to {@code RCPT TO:<address>} when it refuses the address; empty
	 * when it accepts it.
	 * @param address the address as the client wrote it, without angle brackets
	 */
	public Optional<String> refusal(String address) {
		int at = address.lastIndexOf('@');
		if (at < 0) {
			return Optional.empty();
		}
		return Optional.ofNullable(refusals.get(normalized(address.substring(at + 1))))
			.map(refusal -> refusal.reply(address));
	}

	private static String normalized(String domain) {
		if (domain == null || domain.isBlank() || domain.contains("@")) {
			throw new IllegalArgumentException("Not a mail domain: '" + domain + "'");
		}
		return domain.strip().toLowerCase(Locale.ROOT);
	}

	private enum Refusal {

		GREYLISTED("450 4.2.0 <%s>: Recipient address rejected: Greylisted, try again later"),

		NO_SUCH_USER("550 5.1.1 <%s>: Recipient address rejected: User unknown");

		private final String reply;

		Refusal(String reply) {
			this.reply = reply;
		}

		String reply(String address) {
			return reply.formatted(address);
		}

	}

}
