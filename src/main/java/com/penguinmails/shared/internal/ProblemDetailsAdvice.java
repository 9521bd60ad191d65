package com.penguinmails.shared.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonMappingException;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every {@link Problem} to an RFC 9457 problem body for the API ({@code /api/**})
 * and to the error page, with the same message, for pages.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = "https://penguinmails.dev/problems/";

	@ExceptionHandler(Problem.class)
	Object problem(Problem problem, HttpServletRequest request) {
		if (isApi(request)) {
			ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
			body.setType(URI.create(TYPE_BASE + problem.type()));
			body.setTitle(problem.status().getReasonPhrase());
			body.setInstance(URI.create(request.getRequestURI()));
			problem.properties().forEach(body::setProperty);
			return ResponseEntity.status(problem.status()).body(body);
		}
		ModelAndView page = new ModelAndView("error/problem");
		page.setStatus(problem.status());
		page.addObject("status", problem.status().value());
		page.addObject("problemTitle", problem.status().getReasonPhrase());
		page.addObject("message", problem.getMessage());
		return page;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
		body.setType(URI.create(TYPE_BASE + "validation"));
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		body.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(body);
	}

	/**
	 * A body that is not JSON, or JSON that does not fit the operation (a wrong type, a
	 * string or list over its limit, a NUL character, see {@link JsonInputLimits}): a 400
	 * whose {@code errors} name the field as {@code steps[0].variants[1].subject}.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON for this operation.");
		body.setType(URI.create(TYPE_BASE + "invalid-json"));
		if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			String field = field(mapping.getPath());
			// A single value where a list belongs says so, not Jackson's "Cannot
			// construct
			// instance of ArrayList".
			String reason = mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
					&& mismatch.getTargetType() != null
					&& java.util.Collection.class.isAssignableFrom(mismatch.getTargetType())
					&& String.valueOf(mismatch.getOriginalMessage()).startsWith("Cannot ")
							? "must be a JSON array, e.g. [\"a\", \"b\"]" : readable(mapping.getOriginalMessage());
			body.setDetail("The request body is not valid: " + field + " " + reason);
			body.setProperty("errors", Map.of(field, reason));
		}
		return ResponseEntity.badRequest().body(body);
	}

	/**
	 * A multipart body that cannot be parsed (no boundary, truncated): the client's
	 * fault, a 400. Too large a body stays a 413
	 * ({@code MaxUploadSizeExceededException}).
	 */
	@ExceptionHandler(MultipartException.class)
	Object multipart(MultipartException ex, HttpServletRequest request) {
		return problem(new InvalidInputProblem("invalid-multipart",
				"The multipart body cannot be read (RFC 2046 §5.1.1: it needs a boundary parameter "
						+ "and parts separated by it)."),
				request);
	}

	/** {@code steps[0].variants[1].subject}, as Bean Validation names fields. */
	private static String field(java.util.List<JsonMappingException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JsonMappingException.Reference reference : path) {
			if (reference.getFieldName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	/** Jackson's message without Java class names: {@code `java.util.UUID`} as UUID. */
	private static String readable(String message) {
		String text = message == null ? "is not valid" : message.lines().findFirst().orElse("");
		return text.replaceAll("`(?:[\\w$]+\\.)*(?:[\\w]+\\$)?([\\w]+)`", "$1");
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/");
	}

}
