package io.orderflow.provider.simulator;

import java.util.Set;

import io.orderflow.probes.http.Endpoint;
import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * {@code GET /v1/ledger[?reference=...]}: what the provider booked, optionally for one
 * reference (order id). Tests read it to prove that no order was ever charged twice. It
 * is the test tool's audit, not part of the provider's API: no API key, no rate limit, no
 * faults.
 */
final class LedgerHandler implements Endpoint {

	private static final Set<String> PARAMETERS = Set.of("reference");

	private final Ledger ledger;

	LedgerHandler(Ledger ledger) {
		this.ledger = ledger;
	}

	@Override
	public Response handle(Request request) {
		String reference = request.queryWithOnly(PARAMETERS).get("reference");
		return Response.of(200, (reference == null) ? ledger.entries() : ledger.entriesFor(reference));
	}

}
