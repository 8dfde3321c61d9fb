package io.orderflow.order.archfixture;

import io.orderflow.testsupport.TopicClient;

/**
 * Breaks the "no other service's code" rule on purpose (platform/test-support stands in
 * for another service).
 */
class CallsPaymentService {

	TopicClient client;

}
