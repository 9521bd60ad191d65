package com.penguinmails.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A member of a workspace that requires 2FA, signed in without it, can reach only the
 * enrolment page (and log out) until 2FA is on.
 */
class TwoFactorEnrolmentFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && Boolean.TRUE.equals(session.getAttribute(LoginFlow.MUST_ENROL_2FA))
				&& !allowed(LoginThrottleFilter.path(request))) {
			response.sendRedirect(request.getContextPath() + "/account/2fa/setup?required");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean allowed(String path) {
		return path.startsWith("/account/2fa") || path.equals("/logout") || path.startsWith("/css/")
				|| path.startsWith("/js/") || path.startsWith("/vendor/") || path.startsWith("/webjars/")
				|| path.startsWith("/sandbox/") || path.equals("/error");
	}

}
