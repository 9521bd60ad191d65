package com.penguinmails.shared.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Refuses a request whose query or form parameters hold U+0000 or an unpaired surrogate,
 * for pages and API alike, before any controller could hand one to PostgreSQL (which
 * stores no NUL in {@code text}): a 400 problem naming the parameter on the API, the 400
 * error page otherwise. JSON bodies are checked by {@link JsonInputLimits}.
 */
@Component
class NulParameterFilter extends OncePerRequestFilter {

	private final ObjectMapper json;

	NulParameterFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			String problem = JsonInputLimits.problem(parameter.getKey(), Integer.MAX_VALUE);
			for (String value : parameter.getValue()) {
				problem = (problem != null || value == null) ? problem
						: JsonInputLimits.problem(value, Integer.MAX_VALUE);
			}
			if (problem != null) {
				refuse(request, response, parameter.getKey(), problem);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String name, String problem)
			throws IOException {
		String field = JsonInputLimits.problem(name, Integer.MAX_VALUE) == null ? name : "parameter";
		if (!request.getRequestURI().startsWith("/api/")) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), "The parameter " + field + " " + problem + ".");
			return;
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The parameter " + field + " " + problem + ".");
		body.setType(java.net.URI.create(ProblemDetailsAdvice.TYPE_BASE + "invalid-parameter"));
		body.setProperty("errors", Map.of(field, problem));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), body);
	}

}
