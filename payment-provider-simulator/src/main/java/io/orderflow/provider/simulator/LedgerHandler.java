package io.orderflow.provider.simulator;

import java.util.Set;

/**
 * {@code GET /v1/ledger[?reference=...]}: what the provider booked, optionally for one reference
 * (order id). Tests read it to prove that no order was ever charged twice.
 */
final class LedgerHandler implements Endpoint {

	private static final Set<String> PARAMETERS = Set.of("reference");

	private final Ledger ledger;

	LedgerHandler(Ledger ledger) {
		this.ledger = ledger;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		if (!PARAMETERS.containsAll(request.query().keySet())) {
			// a misspelt filter must not quietly return the whole ledger
			throw ApiException.invalidRequest(
					"Unknown query parameter(s) " + request.query().keySet() + "; allowed is 'reference'");
		}
		String reference = request.query().get("reference");
		return ApiResponse.of(200, (reference == null) ? ledger.entries() : ledger.entriesFor(reference));
	}

}
