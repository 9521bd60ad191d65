package com.penguinmails.tracking.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.penguinmails.domains.Domains;

/**
 * Routes by Host. On a workspace's verified tracking host ({@code track.<domain>}, a
 * CNAME to this installation) only the recipients' links ({@code /o/}, {@code /c/},
 * {@code /u/}) and the assets their pages use are served, and the request carries that
 * workspace ({@link #WORKSPACE}) so that a link of another workspace is not honoured
 * there; anything else is a 404, so a tracking domain never shows the app's sign-in, API
 * or actuator. Every other host (the base URL's, localhost) is served as before.
 */
public class TrackingHostFilter extends OncePerRequestFilter {

	/**
	 * The request attribute holding the workspace (a {@link UUID}) whose tracking host
	 * the request came on; absent on any other host.
	 */
	public static final String WORKSPACE = "com.penguinmails.tracking.host-workspace";

	/**
	 * What a tracking host serves, matched on the raw path: the token alphabet
	 * (base64url) and plain file names only, so no encoded or dot segment can lead
	 * elsewhere once the container normalises it.
	 */
	private static final Pattern SERVED = Pattern
		.compile("^/(?:[ocu]/[A-Za-z0-9_-]+|css/[A-Za-z0-9_-][A-Za-z0-9._-]*|favicon\\.ico)$");

	private final Domains domains;

	private final String appHost;

	public TrackingHostFilter(Domains domains, String appHost) {
		this.domains = domains;
		this.appHost = appHost == null ? "" : appHost.toLowerCase(Locale.ROOT);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<UUID> owner = owner(request.getServerName());
		if (owner.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!SERVED.matcher(path).matches()) {
			// Not the app's error page: it would show the app on someone's domain.
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("Not found");
			return;
		}
		request.setAttribute(WORKSPACE, owner.get());
		chain.doFilter(request, response);
	}

	private Optional<UUID> owner(String serverName) {
		if (serverName == null) {
			return Optional.empty();
		}
		String host = serverName.toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		// Only track.<domain> can be one; the app's own host stays the app's.
		if (!host.startsWith("track.") || host.equals(appHost)) {
			return Optional.empty();
		}
		return domains.trackingHostOwner(host);
	}

}
