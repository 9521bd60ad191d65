package com.penguinmails.webhooks.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * An endpoint's payload transformation: a JSLT expression applied to the Standard
 * Webhooks payload ({@code type}, {@code timestamp}, {@code data}); its result is the
 * body sent (and signed). An empty transformation sends the payload as is. Compiled
 * expressions are cached by their text.
 */
@Component
public class PayloadTransform {

	/**
	 * Checks that a transformation compiles.
	 * @throws ExpressionException what is wrong and where, for a person
	 */
	public void check(String expression) {
		// SKELETON: the JSLT part implements this.
	}

	/**
	 * The body to send for a payload; the payload itself for a blank transformation.
	 * @throws ExpressionException when the transformation does not compile or fails on
	 * this payload
	 */
	public JsonNode apply(String expression, JsonNode payload) {
		return payload;
	}

}
