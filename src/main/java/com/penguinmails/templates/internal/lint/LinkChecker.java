package com.penguinmails.templates.internal.lint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.templates.LinkCheck;

/**
 * Checks links on request with the JDK HttpClient: HEAD, then GET when HEAD is refused
 * (RFC 9110 §15.5.6 405 / §15.6.2 501); redirects followed by hand, at most
 * {@value #MAX_REDIRECTS}, each hop's host checked with {@link NetworkPolicy} before
 * connecting (a private or loopback address is reported "not checked: private address",
 * never fetched); one timeout per request; at most {@value #MAX_LINKS} links per call, 4
 * at a time.
 */
public final class LinkChecker {

	/** The most links one call checks; the rest are reported unchecked. */
	public static final int MAX_LINKS = 20;

	/** The most redirects followed for one link. */
	public static final int MAX_REDIRECTS = 5;

	private final NetworkPolicy policy;

	private final Duration timeout;

	private final HttpClient client;

	/** A checker whose every request gives up after {@code timeout}. */
	public LinkChecker(NetworkPolicy policy, Duration timeout) {
		this.policy = policy;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * One result per URL, in order: the first {@value #MAX_LINKS} checked, the rest not.
	 */
	public List<LinkCheck> check(List<String> urls) {
		List<LinkCheck> results = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<LinkCheck>> checks = new ArrayList<>();
			for (String url : urls.subList(0, Math.min(MAX_LINKS, urls.size()))) {
				checks.add(pool.submit(() -> check(url)));
			}
			for (Future<LinkCheck> check : checks) {
				results.add(check.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking links", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		for (String url : urls.subList(Math.min(MAX_LINKS, urls.size()), urls.size())) {
			results.add(new LinkCheck(url, null, "not checked: only the first " + MAX_LINKS + " links are", false));
		}
		return results;
	}

	/** Checks one absolute http(s) URL. */
	public LinkCheck check(String url) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return new LinkCheck(url, null, "not a valid address", true);
		}
		Integer status = null;
		try {
			for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
				String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
				if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
					return new LinkCheck(url, status, "not checked: not an http(s) address", status == null);
				}
				int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
				try {
					policy.check(uri.getHost(), port);
				}
				catch (NetworkPolicy.RefusedAddress ex) {
					return new LinkCheck(url, status, "not checked: private address", false);
				}
				HttpResponse<InputStream> response = send(uri, "HEAD");
				if (response.statusCode() == 405 || response.statusCode() == 501) {
					response = send(uri, "GET");
				}
				status = response.statusCode();
				String location = response.headers().firstValue("Location").orElse(null);
				if (status < 300 || status >= 400 || location == null) {
					return new LinkCheck(url, status, null, status >= 400);
				}
				// RFC 9110 §10.2.2: Location may be relative to the request's URI.
				uri = uri.resolve(location.strip());
			}
			return new LinkCheck(url, status, "more than " + MAX_REDIRECTS + " redirects", true);
		}
		catch (HttpTimeoutException ex) {
			return new LinkCheck(url, null, "no answer in " + timeout.toSeconds() + " s", true);
		}
		catch (IllegalArgumentException ex) {
			return new LinkCheck(url, status, "redirected to an invalid address", true);
		}
		catch (IOException ex) {
			return new LinkCheck(url, null, "could not connect: " + reason(ex), true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new LinkCheck(url, null, "not checked: interrupted", false);
		}
	}

	private HttpResponse<InputStream> send(URI uri, String method) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(timeout)
			.header("User-Agent", "PenguinMails link check")
			.build();
		HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		// Only the status matters: the body is never read.
		response.body().close();
		return response;
	}

	/**
	 * Why a connection failed, in words (the JDK's exceptions often carry no message).
	 */
	private static String reason(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.UnknownHostException) {
				return "the name does not resolve";
			}
			if (cause instanceof java.net.ConnectException) {
				return "connection refused";
			}
			if (cause instanceof javax.net.ssl.SSLException) {
				return "TLS failed (" + cause.getMessage() + ")";
			}
		}
		return ex.getMessage() == null ? "the connection failed" : ex.getMessage();
	}

}
