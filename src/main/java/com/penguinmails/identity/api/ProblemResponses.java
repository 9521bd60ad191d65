package com.penguinmails.identity.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the answers every API operation really gives besides its success:
 * <ul>
 * <li>the success status of {@code @ResponseStatus} (201 created, 202 accepted, 204 no
 * content) in place of springdoc's 200;</li>
 * <li>RFC 9457 problems as {@code application/problem+json}: 400 when the operation takes
 * parameters or a body, 401 (no or a bad API key), 403 (scope or role), 404 when the
 * path, a UUID query parameter or an id in the body names something of the workspace, 429
 * (rate limit);</li>
 * <li>the problems an operation declares itself with {@code @ApiResponse(responseCode =
 * "409", description = ...)} (conflicts, 422 refusals, 502 from a remote server) get the
 * problem body too; such an operation also carries {@code @ResponseStatus} so that
 * springdoc keeps documenting its success.</li>
 * </ul>
 */
final class ProblemResponses implements OperationCustomizer {

	static final String SCHEMA = "ProblemDetail";

	static final String MEDIA_TYPE = "application/problem+json";

	private static final Map<Integer, String> COMMON = Map.of(400,
			"The request is not valid; errors names each field and why", 401,
			"No API key, or one that is unknown, revoked or expired", 403,
			"The key's scope or its member's role does not allow this", 404,
			"Something the request names by id is not in the key's workspace", 415,
			"The body's Content-Type is not one the operation takes", 429,
			"Too many requests for this key; Retry-After says when to try again");

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ResponseStatus.class);
		if (status != null) {
			String code = String.valueOf(status.code().value());
			ApiResponse success = responses.remove("200");
			if (success != null && !responses.containsKey(code)) {
				success.setDescription(status.code().getReasonPhrase());
				if (status.code() == HttpStatus.NO_CONTENT) {
					success.setContent(null);
				}
				responses.addApiResponse(code, success);
			}
		}
		boolean input = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		boolean resource = (operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn())))
				|| Arrays.stream(handler.getMethodParameters()).anyMatch(ProblemResponses::namesResource);
		if (input) {
			problem(responses, 400);
		}
		problem(responses, 401);
		problem(responses, 403);
		if (resource) {
			problem(responses, 404);
		}
		if (operation.getRequestBody() != null) {
			problem(responses, 415);
		}
		problem(responses, 429);
		responses.forEach((code, response) -> {
			// springdoc gives declared responses the operation's own media type; a
			// problem is
			// application/problem+json (RFC 9457 §3).
			if (code.length() == 3 && (code.startsWith("4") || code.startsWith("5"))) {
				response.setContent(problemContent());
			}
		});
		return operation;
	}

	/**
	 * Whether a parameter names something of the workspace that may not be there: a
	 * {@code UUID} query parameter, or a body whose fields (to three levels) include
	 * {@code ...Id} or {@code ...Ids}.
	 */
	private static boolean namesResource(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(RequestParam.class)) {
			return parameter.getParameterType() == UUID.class;
		}
		return parameter.hasParameterAnnotation(RequestBody.class) && namesIds(parameter.getParameterType(), 0);
	}

	private static boolean namesIds(Class<?> type, int depth) {
		if (!type.isRecord() || depth > 2) {
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getName().endsWith("Id") || component.getName().endsWith("Ids")) {
				return true;
			}
			Class<?> inner = component.getType();
			if (List.class.isAssignableFrom(inner) && component.getGenericType() instanceof ParameterizedType list
					&& list.getActualTypeArguments()[0] instanceof Class<?> item) {
				inner = item;
			}
			if (namesIds(inner, depth + 1)) {
				return true;
			}
		}
		return false;
	}

	private static void problem(ApiResponses responses, int code) {
		if (!responses.containsKey(String.valueOf(code))) {
			responses.addApiResponse(String.valueOf(code), new ApiResponse().description(COMMON.get(code)));
		}
	}

	private static Content problemContent() {
		return new Content().addMediaType(MEDIA_TYPE,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
	}

}
