package com.penguinmails.tracking.web;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.penguinmails.tracking.ClickFetch;
import com.penguinmails.tracking.Engagements;
import com.penguinmails.tracking.internal.RedirectUris;
import com.penguinmails.tracking.internal.TrackingHostFilter;

/**
 * The open pixel ({@code GET /o/{token}}) and the click redirect ({@code GET
 * /c/{token}}), answered by a servlet filter ahead of the session, security and MVC
 * machinery: they are the hottest requests of the installation (every display of every
 * message), need no account (the signed token is the credential) and render nothing. A
 * tampered or unknown token is a 404: the redirect only ever goes where a message of ours
 * pointed (no open redirect). The client's address is the connection's, or the one a
 * trusted proxy forwarded when {@code server.forward-headers-strategy} says so; never a
 * header taken on trust here. On a workspace's tracking host, a link of another workspace
 * is a 404 too.
 */
public class TrackingEndpoints extends OncePerRequestFilter {

	/** A transparent 1x1 GIF. */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

	private static final Pattern PATH = Pattern.compile("^/([oc])/([A-Za-z0-9_-]{1,4000})$");

	private final Engagements engagements;

	public TrackingEndpoints(Engagements engagements) {
		this.engagements = engagements;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (!path.matches() || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
			chain.doFilter(request, response);
			return;
		}
		String token = path.group(2);
		String agent = request.getHeader(HttpHeaders.USER_AGENT);
		UUID hostWorkspace = (UUID) request.getAttribute(TrackingHostFilter.WORKSPACE);
		response.setHeader("X-Content-Type-Options", "nosniff");
		// The destination learns nothing of the token it came through.
		response.setHeader("Referrer-Policy", "no-referrer");
		if (path.group(1).equals("o")) {
			if (!engagements.opened(token, agent, request.getRemoteAddr(), hostWorkspace)) {
				notFound(response);
				return;
			}
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store, must-revalidate");
			response.setHeader("Pragma", "no-cache");
			response.setHeader(HttpHeaders.EXPIRES, "0");
			response.setContentType("image/gif");
			response.setContentLength(PIXEL.length);
			response.getOutputStream().write(PIXEL);
			return;
		}
		Optional<String> url = engagements.clicked(token, agent, request.getRemoteAddr(), hostWorkspace,
				new ClickFetch(request.getMethod(), purpose(request)));
		if (url.isEmpty()) {
			notFound(response);
			return;
		}
		// The message's own link, made a URI: a header is ASCII, so non-ASCII path,
		// query and fragment go percent-encoded as UTF-8 and an IDN host as A-labels
		// (RFC 9110 §10.2.2, RFC 3987 §3.1); a line break cannot start a new header.
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader(HttpHeaders.LOCATION, RedirectUris.toAscii(url.get()));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	/**
	 * What the client says the fetch is for: Fetch Metadata's {@code Sec-Purpose}
	 * (Chromium's prefetch and prerender), else the older {@code Purpose} or Firefox's
	 * {@code X-Moz}; null for a navigation.
	 */
	private static String purpose(HttpServletRequest request) {
		for (String header : new String[] { "Sec-Purpose", "Purpose", "X-Purpose", "X-Moz" }) {
			String value = request.getHeader(header);
			if (value != null && !value.isBlank()) {
				return value.length() > 40 ? value.substring(0, 40) : value;
			}
		}
		return null;
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("Not found");
	}

}
