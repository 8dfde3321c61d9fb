package io.orderflow.console.controls;

/**
 * A command the console refuses or cannot carry out, with the HTTP status and words to
 * answer it with. It is an answer, not a failure: it carries no stack trace.
 */
public final class CommandException extends RuntimeException {

	private final int status;

	private final String title;

	public CommandException(int status, String title, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.title = title;
	}

	public static CommandException invalid(String detail) {
		return new CommandException(400, "Invalid command", detail);
	}

	/** Something the command needs did not answer (a service down, the broker away). */
	public static CommandException unavailable(String detail) {
		return new CommandException(503, "Not available now", detail);
	}

	public int status() {
		return status;
	}

	public String title() {
		return title;
	}

}
