package io.orderflow.messaging;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every integration test of this module, on the real broker
 * and database, served on a random port (the dead-letter admin API is part of what is
 * tested).
 */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class MessagingIntegrationTest {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		Infrastructure.register(registry);
	}

}
