package io.orderflow.order.orders.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An ISO 4217 currency code with cents, such as EUR or USD. */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownCurrency.Validator.class)
public @interface KnownCurrency {

	String message() default "must be an ISO 4217 currency code with two decimals, such as EUR or USD";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks the code against the JDK's ISO 4217 table. */
	class Validator implements ConstraintValidator<KnownCurrency, String> {

		@Override
		public boolean isValid(String code, ConstraintValidatorContext context) {
			if (code == null || !code.matches("[A-Z]{3}")) {
				return code == null;
			}
			try {
				return Currency.getInstance(code).getDefaultFractionDigits() == 2;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
