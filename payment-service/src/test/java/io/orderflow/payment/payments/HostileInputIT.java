package io.orderflow.payment.payments;

import java.util.List;
import java.util.UUID;

import io.orderflow.testsupport.api.HostileOrderIdQueries;
import io.orderflow.testsupport.identity.ResourceServerContract;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

import org.springframework.test.context.TestContextManager;

/**
 * Property-based hostile input on {@code GET /api/payments?orderId=} (I8,
 * docs/architecture.md): missing, repeated, huge, encoded, unicode-edge and
 * injection-looking values are never a 5xx; the answer is a JSON array (200) or a 4xx
 * {@code application/problem+json} with a non-empty {@code detail}, asked with a valid
 * customer's token; and any bearer token a client may send that the provider did not
 * issue as it stands is a 401 problem, never a 5xx (I10). This endpoint stores nothing,
 * so there is nothing to check in the database. The generator and the check live in
 * {@link HostileOrderIdQueries}, shared by the services' read APIs.
 *
 * <p>
 * How Spring gets in: jqwik properties run on jqwik's own JUnit Platform engine, without
 * Spring's Jupiter extension, and no jqwik-spring release targets Spring Framework 7 /
 * Boot 4. So a {@link TestContextManager} for this class prepares each property's
 * instance, which injects {@code port} from the base class's context; the configuration
 * is the base class's, so Spring's context cache reuses the application the other ITs
 * started.
 */
class HostileInputIT extends PaymentServiceIntegrationTestBase {

	private static TestContextManager spring;

	@BeforeContainer
	static void springContext() {
		spring = new TestContextManager(HostileInputIT.class);
	}

	@BeforeProperty
	void injectSpring() throws Exception {
		spring.prepareTestInstance(this);
	}

	@Property(tries = 150)
	void hostileOrderIdsAnswerAnArrayOrA4xxProblem(@ForAll("orderIds") List<String> values, @ForAll boolean encode) {
		HostileOrderIdQueries.assertAnArrayOrA4xxProblem("/api/payments", values, encode, this::get);
	}

	@Provide
	Arbitrary<List<String>> orderIds() {
		return HostileOrderIdQueries.orderIds("payment");
	}

	@Property(tries = 60)
	void hostileBearerTokensAre401Problems(@ForAll("bearerTokens") String token) {
		ResourceServerContract.assertAHostileTokenIsRefused(token,
				hostile -> get("/api/payments?orderId=" + UUID.randomUUID(), hostile));
	}

	@Provide
	Arbitrary<String> bearerTokens() {
		return ResourceServerContract.hostileBearerTokens();
	}

}
