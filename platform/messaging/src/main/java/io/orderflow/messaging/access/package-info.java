/**
 * Who may do what on the broker, derived from the AsyncAPI document of shared-events, and
 * the admin step that creates the topics, users and ACLs.
 *
 * <p>
 * It lives in platform/messaging because the delivery machinery here names the
 * dead-letter topics ({@code DeadLetterTopics}) and sets the topics' partitions, sizes
 * and retention ({@code MessagingProperties.Topics}): what a service may touch and how
 * its topics are made must not drift from what it does. The package uses only the Kafka
 * clients and Jackson, no Spring context, so the local stack, a compose init container or
 * a test can run it as plain Java.
 */
package io.orderflow.messaging.access;
