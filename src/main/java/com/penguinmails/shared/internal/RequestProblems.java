package com.penguinmails.shared.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;

/**
 * Two of Spring MVC's own exceptions answered like every
 * {@link com.penguinmails.shared.Problem}: a path or query value of the wrong type (a
 * malformed UUID) is a 400 {@code invalid-parameter} that names the parameter, and a URL
 * that maps to nothing is a 404 {@code not-found} — an RFC 9457 body on {@code /api/**},
 * the error page for pages. Without it Spring answers both with an {@code about:blank}
 * problem, in JSON even to a browser. Ordered first so that it wins over
 * {@link ProblemDetailsAdvice}'s inherited handlers for the same exceptions.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestProblems {

	private final ProblemDetailsAdvice problems;

	RequestProblems(ProblemDetailsAdvice problems) {
		this.problems = problems;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	Object typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		Class<?> type = ex.getRequiredType();
		String expected = type == null ? "value" : type == java.util.UUID.class ? "UUID" : type.getSimpleName();
		return problems.problem(
				new InvalidInputProblem("invalid-parameter", ex.getName() + " is not a valid " + expected + "."),
				request);
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	Object noResource(Exception ex, HttpServletRequest request) {
		return problems.problem(new NotFoundProblem("Page " + request.getRequestURI()), request);
	}

}
