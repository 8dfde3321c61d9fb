package io.orderflow.order.idempotency;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: the retention of Idempotency-Keys, bound as Boot binds it, and the horizons it
 * refuses.
 */
class IdempotencyPropertiesTest {

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	private static final Validator VALIDATOR = VALIDATION.getValidator();

	@AfterAll
	static void close() {
		VALIDATION.close();
	}

	@Test
	void byDefaultKeysAreKeptSevenDaysAndPrunedHourlyAThousandAtATime() {
		IdempotencyProperties properties = bind(Map.of());

		assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.pruneInterval()).isEqualTo(Duration.ofHours(1));
		assertThat(properties.pruneBatchSize()).isEqualTo(1000);
		assertThat(VALIDATOR.validate(properties)).isEmpty();
	}

	@Test
	void aHorizonShorterThanADayIsRefused() {
		Set<ConstraintViolation<IdempotencyProperties>> violations = VALIDATOR
			.validate(bind(Map.of("orderflow.order.idempotency.retention", "2h")));

		assertThat(violations).singleElement()
			.satisfies(violation -> assertThat(violation.getPropertyPath()).hasToString("retention"));
	}

	@Test
	void aBatchOfNoneOrOfMoreThanTenThousandIsRefused() {
		assertThat(VALIDATOR.validate(bind(Map.of("orderflow.order.idempotency.prune-batch-size", "0")))).hasSize(1);
		assertThat(VALIDATOR.validate(bind(Map.of("orderflow.order.idempotency.prune-batch-size", "10001"))))
			.hasSize(1);
		assertThat(VALIDATOR.validate(bind(Map.of("orderflow.order.idempotency.retention", "30d",
				"orderflow.order.idempotency.prune-batch-size", "10000"))))
			.isEmpty();
	}

	private static IdempotencyProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("orderflow.order.idempotency",
				IdempotencyProperties.class);
	}

}
