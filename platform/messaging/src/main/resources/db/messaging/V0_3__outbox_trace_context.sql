-- Owned by messaging-support. The trace context of the transaction that wrote an outbox row, as a W3C traceparent
-- (00-<trace id>-<span id>-<flags>). The relay sends the row from its own thread, long after the request; it makes
-- this context the parent of the Kafka send, so the request's trace goes on through the outbox to the consumers.
-- Null for a row written outside any trace, and for rows written before this version: those are sent as before.
alter table outbox_message add column traceparent text;
