package io.orderflow.console.status;

import java.net.URI;

/**
 * One instance of a service as the console saw it at its last look.
 *
 * @param name the instance's, e.g. {@code payment-service-2}; the first instance's is the
 * service's, {@code payment-service}; the page's stop and start name it
 * @param baseUri its public HTTP base, where the page shows its port
 * @param health {@code UP}, {@code DOWN} (it answered, not up) or {@code UNREACHABLE} (no
 * answer: stopped, or dead), from its own {@code /actuator/health}
 * @param running whether its process runs, where the console controls it (local stack),
 * else {@code null}
 */
public record InstanceStatus(String name, URI baseUri, String health, Boolean running) {
}
