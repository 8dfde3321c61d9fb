package io.orderflow.provider.simulator;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A list answer in the shape of Stripe's list objects. The simulator returns every match
 * in one page, so {@code hasMore} is always {@code false}; a client that reads it stays
 * correct against a provider that pages.
 */
@JsonPropertyOrder({ "object", "data", "hasMore" })
record ListPage(String object, List<?> data, boolean hasMore) {

	static ListPage of(List<?> data) {
		return new ListPage("list", List.copyOf(data), false);
	}

}
