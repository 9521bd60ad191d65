package com.penguinmails.webhooks.internal.filter;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * An endpoint's filter (CEL) or transformation (JSLT) that does not compile, or that
 * failed on one event. The message says what and where, for a person. A 400 problem of
 * type {@code invalid-filter} or {@code invalid-transform} when it comes from a request.
 */
public class ExpressionException extends InvalidInputProblem {

	public ExpressionException(String message, Throwable cause) {
		this("invalid-expression", message, cause);
	}

	/**
	 * @param type the problem type: {@code invalid-filter} or {@code invalid-transform}
	 */
	public ExpressionException(String type, String message, Throwable cause) {
		super(type, message);
		if (cause != null) {
			initCause(cause);
		}
	}

}
