package com.penguinmails.shared;

import org.springframework.http.HttpStatus;

/**
 * Base of the errors a feature throws to say what went wrong in terms a user understands.
 * The API maps each to an RFC 9457 problem body with a stable {@code type}; pages show
 * the message.
 */
public abstract class Problem extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	protected Problem(HttpStatus status, String type, String message) {
		super(message);
		this.status = status;
		this.type = type;
	}

	public HttpStatus status() {
		return status;
	}

	/**
	 * A short stable slug, rendered as {@code https://penguinmails.dev/problems/{type}}.
	 */
	public String type() {
		return type;
	}

	/**
	 * Extra members of the problem body (RFC 9457 extensions), for example the list of
	 * reasons a launch is refused.
	 */
	public java.util.Map<String, Object> properties() {
		return java.util.Map.of();
	}

}
