package io.orderflow.probes.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * What a launcher started, stopped in reverse order of start: what started later may
 * depend on what started earlier (the console on the broker, the services on the
 * database). One resource that fails to stop does not keep the others running.
 */
public final class StartedResources implements AutoCloseable {

	private final List<AutoCloseable> started = new ArrayList<>();

	/** Remembers {@code resource} to be stopped, and hands it back. */
	public synchronized <T extends AutoCloseable> T add(T resource) {
		this.started.add(resource);
		return resource;
	}

	/** Stops every resource, the last started first, and forgets them. */
	@Override
	public synchronized void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				System.err.println("Could not stop " + this.started.get(i) + ": " + ex);
			}
		}
		this.started.clear();
	}

}
