package com.penguinmails.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the login form: a per-IP attempt budget (429 once spent), and the CAPTCHA
 * that an IP owes after 3 failures, checked before the password is even looked at.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginProtection protection;

	private final CaptchaService captcha;

	LoginThrottleFilter(LoginProtection protection, CaptchaService captcha) {
		this.protection = protection;
		this.captcha = captcha;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		String path = path(request);
		return !path.equals("/login") && !path.equals("/login/2fa");
	}

	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String ip = request.getRemoteAddr();
		if (!protection.tryAcquire(ip)) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(LoginProtection.WINDOW.toSeconds()));
			response.setContentType("text/html;charset=UTF-8");
			response.getWriter()
				.write("<!doctype html><html><head><title>Too many attempts</title>"
						+ "<link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main class=\"narrow\">"
						+ "<h1>Too many attempts</h1><p>Too many login attempts from your network. "
						+ "Wait a few minutes, then <a href=\"/login\">try again</a>.</p></main></body></html>");
			return;
		}
		if (path(request).equals("/login") && protection.captchaRequired(ip)
				&& !captcha.verify(request.getParameter("altcha"))) {
			response.sendRedirect(request.getContextPath() + "/login?captcha");
			return;
		}
		chain.doFilter(request, response);
	}

}
