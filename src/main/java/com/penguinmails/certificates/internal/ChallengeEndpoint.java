package com.penguinmails.certificates.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the CA's HTTP-01 requests (RFC 8555 §8.3):
 * {@code GET /.well-known/acme-challenge/<token>} on any host returns exactly the key
 * authorization stored for the token, as {@code text/plain}; an unknown or expired token
 * is a 404. No login, no session, no CSRF: it runs before the tracking host filter and
 * Spring Security (the CA comes without cookies, on a tracking host), and it reveals only
 * what the CA already knows (the token and the account key's thumbprint).
 */
public class ChallengeEndpoint extends OncePerRequestFilter {

	/** The path prefix RFC 8555 §8.3 fixes. */
	public static final String PREFIX = "/.well-known/acme-challenge/";

	/** A token: base64url characters only (RFC 8555 §8.1), so no path tricks. */
	private static final Pattern PATH = Pattern.compile("^" + Pattern.quote(PREFIX) + "([A-Za-z0-9_-]{1,256})$");

	private final CertificateRepository repository;

	private final Clock clock;

	public ChallengeEndpoint(CertificateRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + PREFIX);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher matcher = PATH.matcher(path);
		boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		Optional<String> answer = read && matcher.matches() ? repository.challenge(matcher.group(1), clock.instant())
				: Optional.empty();
		byte[] body = answer.orElse("Not found").getBytes(StandardCharsets.US_ASCII);
		response.setStatus(answer.isPresent() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

}
