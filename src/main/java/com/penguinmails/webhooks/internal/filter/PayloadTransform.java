package com.penguinmails.webhooks.internal.filter;

import java.io.StringReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

import org.springframework.stereotype.Component;

/**
 * An endpoint's payload transformation: a JSLT expression
 * (https://github.com/schibsted/jslt) applied to the Standard Webhooks payload
 * ({@code type}, {@code timestamp}, {@code data}); its result is the body sent (and
 * signed), and must be a JSON object or array. An empty transformation sends the payload
 * as is.
 * <p>
 * Guards: at most {@value #MAX_LENGTH} characters; {@code import} is refused (nothing is
 * read from the class path or the disk); a runaway recursion or any other failure is an
 * {@link ExpressionException}. Compiled expressions are cached by their text (the last
 * {@value #CACHE_SIZE} used).
 */
@Component
public class PayloadTransform {

	/** The longest transformation accepted, in characters. */
	public static final int MAX_LENGTH = 4096;

	static final int CACHE_SIZE = 500;

	private static final String TYPE = "invalid-transform";

	private final ExpressionCache<Expression> expressions = new ExpressionCache<>(CACHE_SIZE);

	/**
	 * Checks that a transformation compiles; a blank one is fine.
	 * @throws ExpressionException what is wrong and where (line and column), for a person
	 */
	public void check(String expression) {
		if (expression != null && !expression.isBlank()) {
			compiled(expression);
		}
	}

	/**
	 * The body to send for a payload; the payload itself for a blank transformation.
	 * @return a JSON object or array
	 * @throws ExpressionException when the transformation does not compile, fails on this
	 * payload or gives something other than an object or array
	 */
	public JsonNode apply(String expression, JsonNode payload) {
		if (expression == null || expression.isBlank()) {
			return payload;
		}
		Expression compiled = compiled(expression);
		JsonNode result;
		try {
			result = compiled.apply(payload);
		}
		catch (JsltException ex) {
			throw new ExpressionException(TYPE, "The transformation failed on this event: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | StackOverflowError ex) {
			throw new ExpressionException(TYPE, "The transformation failed on this event: "
					+ ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()), ex);
		}
		if (result == null || !(result.isObject() || result.isArray())) {
			throw new ExpressionException(TYPE,
					"The transformation must give a JSON object or array; on this event it gave "
							+ (result == null || result.isNull() ? "null" : result.getNodeType().name().toLowerCase())
							+ ".",
					null);
		}
		return result;
	}

	private Expression compiled(String expression) {
		if (expression.length() > MAX_LENGTH) {
			throw new ExpressionException(TYPE,
					"The transformation is " + expression.length() + " characters long; at most " + MAX_LENGTH + ".",
					null);
		}
		return expressions.get(expression, PayloadTransform::compile);
	}

	private static Expression compile(String expression) {
		try {
			return new Parser(new StringReader(expression)).withSource("transform").withResourceResolver(name -> {
				throw new JsltException("import is not allowed in a transformation: " + name);
			}).compile();
		}
		catch (JsltException ex) {
			throw new ExpressionException(TYPE, "The transformation is not valid JSLT: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | StackOverflowError ex) {
			throw new ExpressionException(TYPE, "The transformation is not valid JSLT: " + ex.getMessage(), ex);
		}
	}

}
