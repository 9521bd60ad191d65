package com.penguinmails.identity.internal;

import java.io.Serial;
import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;

/** Where a login comes from: client IP and user agent, recorded with every attempt. */
public record LoginDetails(String ip, String userAgent) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public static LoginDetails of(HttpServletRequest request) {
		String ua = request.getHeader("User-Agent");
		return new LoginDetails(request.getRemoteAddr(),
				ua == null ? "" : ua.length() > 500 ? ua.substring(0, 500) : ua);
	}

}
