package io.orderflow.notification.notifications.mail;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JakartaMailStreamProviderTest {

	private String before;

	@BeforeEach
	void clear() {
		before = System.clearProperty(JakartaMailStreamProvider.PROPERTY);
	}

	@AfterEach
	void restore() {
		if (before == null) {
			System.clearProperty(JakartaMailStreamProvider.PROPERTY);
		}
		else {
			System.setProperty(JakartaMailStreamProvider.PROPERTY, before);
		}
	}

	@Test
	void namesAngusMailsProviderWhichJakartaMailThenFindsByName() {
		JakartaMailStreamProvider.nameUnlessNamed();

		assertThat(System.getProperty(JakartaMailStreamProvider.PROPERTY)).isEqualTo(JakartaMailStreamProvider.ANGUS);
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(JakartaMailStreamProvider.ANGUS);
	}

	@Test
	void leavesAProviderTheJvmWasStartedWithAlone() {
		System.setProperty(JakartaMailStreamProvider.PROPERTY, "com.example.OtherProvider");

		JakartaMailStreamProvider.nameUnlessNamed();

		assertThat(System.getProperty(JakartaMailStreamProvider.PROPERTY)).isEqualTo("com.example.OtherProvider");
	}

}
