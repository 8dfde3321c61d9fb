package io.orderflow.provider.simulator;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * {@code GET /v1/charges?reference=...} and {@code GET /v1/refunds?charge=...}: what the
 * provider booked, as a caller whose outcome is unknown (a timeout, an unreadable answer,
 * a stored 500) asks it. Part of the provider's API: it needs the API key and meets the
 * rate limit and the faults, unlike {@code /v1/ledger}, the test tool's audit. It only
 * reads.
 */
final class LookupHandler implements Operation {

	private final String parameter;

	private final Function<String, List<?>> find;

	private LookupHandler(String parameter, Function<String, List<?>> find) {
		this.parameter = parameter;
		this.find = find;
	}

	/** The charges, approved and declined, booked for one reference, oldest first. */
	static LookupHandler chargesByReference(Ledger ledger) {
		return new LookupHandler("reference", ledger::chargesFor);
	}

	/**
	 * The refunds of one charge, oldest first; none for a charge the provider does not
	 * know.
	 */
	static LookupHandler refundsByCharge(Ledger ledger) {
		return new LookupHandler("charge", ledger::refundsOf);
	}

	@Override
	public Response handle(Request request, InjectedFault fault) {
		request.queryWithOnly(Set.of(parameter));
		String value = request.requiredQueryParameter(parameter);
		return fault.execute(request.path(), () -> Response.of(200, ListPage.of(find.apply(value)))).toSend();
	}

}
