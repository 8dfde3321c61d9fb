package io.orderflow.provider.simulator;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of a charge; written in lower case on the wire, as payment providers do. */
public enum ChargeStatus {

	SUCCEEDED, DECLINED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
