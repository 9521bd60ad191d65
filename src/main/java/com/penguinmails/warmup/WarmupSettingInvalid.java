package com.penguinmails.warmup;

import java.util.Map;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * A warmup setting is out of its range (400, type {@code invalid-warmup-setting}); the
 * problem body names the field in its {@code field} member (RFC 9457 §3.2 extension).
 */
public class WarmupSettingInvalid extends InvalidInputProblem {

	private final String field;

	public WarmupSettingInvalid(String field, String message) {
		super("invalid-warmup-setting", message);
		this.field = field;
	}

	/** The request field that is wrong, as the API spells it ({@code maxPerDay}). */
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
