package io.orderflow.provider.simulator;

/** A body that is not JSON, written as it is with its own media type. */
record TextBody(String mediaType, String text) {
}
