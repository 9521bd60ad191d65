package com.penguinmails.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request Spring Security's firewall refuses (an encoded NUL, slash, percent or
 * backslash, {@code ..}, a control character in the URL) with a 400: an RFC 9457 problem
 * on the API, the plain error otherwise. Spring Security picks this bean up for its
 * filter chain.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (request.getRequestURI().startsWith("/api/")) {
			ApiProblems.write(response, HttpServletResponse.SC_BAD_REQUEST, "rejected-url", "Bad Request",
					"The URL holds characters that are refused: an encoded NUL, slash, percent or backslash, "
							+ "a '..' segment or a control character.");
		}
		else {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
		}
	}

}
