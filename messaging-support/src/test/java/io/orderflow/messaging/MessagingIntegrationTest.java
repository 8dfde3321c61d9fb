package io.orderflow.messaging;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One application context for every integration test of this module, on the real broker and database. */
@SpringBootTest(classes = MessagingTestApplication.class)
public abstract class MessagingIntegrationTest {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		Infrastructure.register(registry);
	}

}
