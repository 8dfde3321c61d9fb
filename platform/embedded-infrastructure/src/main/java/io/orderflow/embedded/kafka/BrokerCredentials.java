package io.orderflow.embedded.kafka;

/**
 * The two super users of a {@link KafkaBroker#startSecured secured broker}, created when
 * its log directory is formatted: {@code admin}, with which an admin step creates topics,
 * users and ACLs, and {@code broker}, with which the node logs in to its own listeners.
 *
 * @param admin the administrator, named {@code admin}
 * @param broker the broker's own login, named {@code broker}
 */
public record BrokerCredentials(ScramLogin admin, ScramLogin broker) {

	public static final String ADMIN = "admin";

	public static final String BROKER = "broker";

	public BrokerCredentials {
		if (!ADMIN.equals(admin.username()) || !BROKER.equals(broker.username())) {
			throw new IllegalArgumentException("The super users are named " + ADMIN + " and " + BROKER);
		}
	}

	/** Fresh random passwords for both. */
	public static BrokerCredentials generate() {
		return new BrokerCredentials(ScramLogin.generate(ADMIN), ScramLogin.generate(BROKER));
	}

	/** The given passwords, e.g. those the local stack kept from its first start. */
	public static BrokerCredentials of(String adminPassword, String brokerPassword) {
		return new BrokerCredentials(new ScramLogin(ADMIN, adminPassword), new ScramLogin(BROKER, brokerPassword));
	}

}
