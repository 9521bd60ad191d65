package com.penguinmails.webhooks.internal.filter;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import org.springframework.stereotype.Component;

/**
 * An endpoint's filter: a CEL expression (Common Expression Language,
 * https://github.com/google/cel-spec) over the event, e.g.
 * {@code event.campaign.id == "…" && event.bounce.reason == "mailbox_full"}. The variable
 * {@code event} is a map: the payload's {@code data} object with {@code type} and
 * {@code timestamp} (an ISO 8601 string) added; JSON integers are CEL {@code int}
 * (int64), other numbers {@code double}. The result must be a {@code bool}. An empty
 * filter lets every event through.
 * <p>
 * A field the event does not have makes the filter false, not an error:
 * {@code event.bounce.reason == "x"} on an event without {@code bounce} does not match
 * (CEL's own rule would be an error, "no such key"; {@code has(event.bounce)} tests for a
 * field explicitly, and {@code ||} still matches when its other side is true). Other
 * failures on an event (a string compared with {@code <} to a number, a division by zero)
 * are an {@link ExpressionException}.
 * <p>
 * Guards: at most {@value #MAX_LENGTH} characters, 1,000 iterations per comprehension
 * ({@code exists}, {@code all}, ...). Compiled programs are cached by their text (the
 * last {@value #CACHE_SIZE} used).
 */
@Component
public class EventFilter {

	/** The longest filter accepted, in characters. */
	public static final int MAX_LENGTH = 4096;

	static final int CACHE_SIZE = 500;

	private static final String TYPE = "invalid-filter";

	private final Cel cel = CelFactory.standardCelBuilder()
		.setOptions(CelOptions.current()
			.maxExpressionCodePointSize(MAX_LENGTH)
			.comprehensionMaxIterations(1000)
			.enableHeterogeneousNumericComparisons(true)
			.build())
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.setResultType(SimpleType.BOOL)
		.build();

	private final ExpressionCache<CelRuntime.Program> programs = new ExpressionCache<>(CACHE_SIZE);

	/**
	 * Checks that a filter compiles and gives a boolean; a blank one is fine.
	 * @throws ExpressionException what is wrong and where (line:column and a caret), for
	 * a person
	 */
	public void check(String expression) {
		if (expression != null && !expression.isBlank()) {
			program(expression);
		}
	}

	/**
	 * Whether the event passes the filter; true for a blank filter, false when the filter
	 * reads a field the event does not have.
	 * @param payload the Standard Webhooks payload ({@code type}, {@code timestamp},
	 * {@code data})
	 * @throws ExpressionException when the filter does not compile or fails on this event
	 */
	public boolean matches(String expression, JsonNode payload) {
		if (expression == null || expression.isBlank()) {
			return true;
		}
		CelRuntime.Program program = program(expression);
		Object result;
		try {
			result = program.eval(Map.of("event", event(payload)));
		}
		catch (CelEvaluationException ex) {
			if (ex.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND) {
				return false;
			}
			throw new ExpressionException(TYPE, "The filter failed on this event: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | StackOverflowError ex) {
			throw new ExpressionException(TYPE, "The filter failed on this event: " + ex.getMessage(), ex);
		}
		if (result instanceof Boolean matched) {
			return matched;
		}
		throw new ExpressionException(TYPE, "The filter must give true or false; on this event it gave "
				+ (result == null ? "null" : result.getClass().getSimpleName()) + ".", null);
	}

	private CelRuntime.Program program(String expression) {
		if (expression.length() > MAX_LENGTH) {
			throw new ExpressionException(TYPE,
					"The filter is " + expression.length() + " characters long; at most " + MAX_LENGTH + ".", null);
		}
		return programs.get(expression, this::compile);
	}

	private CelRuntime.Program compile(String expression) {
		CelValidationResult result = cel.compile(expression);
		try {
			CelAbstractSyntaxTree ast = result.getAst();
			return cel.createProgram(ast);
		}
		catch (CelValidationException ex) {
			throw new ExpressionException(TYPE, "The filter is not valid CEL: " + ex.getMessage(), ex);
		}
		catch (CelEvaluationException ex) {
			throw new ExpressionException(TYPE, "The filter cannot run: " + ex.getMessage(), ex);
		}
	}

	/** The variable {@code event}: data with type and timestamp added. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> event(JsonNode payload) {
		Map<String, Object> event = new LinkedHashMap<>();
		Object data = JsonValues.of(payload.path("data"));
		if (data instanceof Map<?, ?> map) {
			event.putAll((Map<String, Object>) map);
		}
		event.put("type", payload.path("type").asText(""));
		event.put("timestamp", payload.path("timestamp").asText(""));
		return event;
	}

}
