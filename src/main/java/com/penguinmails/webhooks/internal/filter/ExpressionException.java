package com.penguinmails.webhooks.internal.filter;

/**
 * An endpoint's filter (CEL) or transformation (JSLT) that does not compile, or that
 * failed on one event. The message says what and where, for a person.
 */
public class ExpressionException extends RuntimeException {

	public ExpressionException(String message, Throwable cause) {
		super(message, cause);
	}

}
