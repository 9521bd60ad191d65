package com.penguinmails.analytics.internal.reports;

import java.util.Map;

import org.springframework.http.HttpStatus;

import com.penguinmails.shared.Problem;

/**
 * A field of a schedule is not acceptable: a 400 problem of type
 * {@code invalid-report-schedule} whose {@code field} member names it (RFC 9457 §3.2
 * extension member).
 */
public class InvalidFieldProblem extends Problem {

	private final String field;

	public InvalidFieldProblem(String field, String message) {
		super(HttpStatus.BAD_REQUEST, "invalid-report-schedule", message);
		this.field = field;
	}

	/** The field at fault, as named in the API's body. */
	public String field() {
		return field;
	}

	/**
	 * {@code field}, and {@code errors} ({field: message}) as every other validation
	 * problem of the API has it, so clients read one shape.
	 */
	@Override
	public Map<String, Object> properties() {
		return Map.of("field", field, "errors", Map.of(field, getMessage()));
	}

}
