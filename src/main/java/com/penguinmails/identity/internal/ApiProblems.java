package com.penguinmails.identity.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** RFC 9457 problem bodies written by filters, before any controller runs. */
final class ApiProblems {

	private ApiProblems() {
	}

	static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.getWriter()
			.write("{\"type\":\"https://penguinmails.dev/problems/" + type + "\",\"title\":\"" + title
					+ "\",\"status\":" + status + ",\"detail\":\""
					+ new String(JsonStringEncoder.getInstance().quoteAsString(detail)) + "\"}");
	}

}
