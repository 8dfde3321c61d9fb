package io.orderflow.embedded.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.ProducerConfig;

/** What the broker and cluster tests do as clients: create users, give up soon. */
final class KafkaTestClients {

	private KafkaTestClients() {
	}

	/**
	 * Creates the login's user (SCRAM-SHA-512), as the admin step of a deployment does.
	 */
	static void createUser(Admin admin, ScramLogin user) throws Exception {
		admin
			.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user.username(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.password())))
			.all()
			.get(20, TimeUnit.SECONDS);
	}

	/** The configuration with timeouts of seconds: a refused client fails fast. */
	static Map<String, Object> withShortTimeouts(Map<String, Object> config) {
		Map<String, Object> shortened = new HashMap<>(config);
		shortened.put("request.timeout.ms", 2000);
		shortened.put("default.api.timeout.ms", 5000);
		shortened.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		shortened.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
		shortened.put("reconnect.backoff.max.ms", 500);
		return shortened;
	}

}
