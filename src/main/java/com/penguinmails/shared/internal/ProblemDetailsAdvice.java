package com.penguinmails.shared.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.penguinmails.shared.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
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

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/");
	}

}
