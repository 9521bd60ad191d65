package com.penguinmails.identity.web;

import jakarta.servlet.http.HttpServletRequest;

final class Requests {

	private Requests() {
	}

	static String ip(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
