package com.penguinmails.mailboxes.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.NetworkFailures;

/**
 * The HTTP side shared by the Postmark and Mailgun transports: one JDK client per batch,
 * the network policy checked before the first call, and the mapping of an HTTP answer
 * that is not a success to what the dispatcher understands (an {@link SmtpReply} or
 * {@link SmtpConnectionFailed}).
 */
final class ProviderHttp {

	static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient client;

	private final Duration timeout;

	private final String provider;

	ProviderHttp(String provider, URI base, Duration timeout, NetworkPolicy policy) throws SmtpConnectionFailed {
		this.provider = provider;
		this.timeout = timeout;
		try {
			policy.check(base.getHost(), base.getPort() < 0 ? 443 : base.getPort());
		}
		catch (NetworkPolicy.RefusedAddress ex) {
			throw new SmtpConnectionFailed("address", ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw new SmtpConnectionFailed("dns",
					provider + "'s API host " + base.getHost() + " could not be resolved.");
		}
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
	}

	/** Sends; an I/O failure or a timeout is {@link SmtpConnectionFailed}. */
	HttpResponse<String> send(HttpRequest request) throws SmtpConnectionFailed {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw new SmtpConnectionFailed("tcp", provider + "'s API could not be reached: "
					+ NetworkFailures.why(request.uri().getHost(), ex) + ".");
		}
		catch (HttpTimeoutException ex) {
			throw new SmtpConnectionFailed("timeout",
					provider + "'s API did not answer within " + timeout.toSeconds() + " seconds.");
		}
		catch (IOException ex) {
			throw new SmtpConnectionFailed("tcp", provider + "'s API could not be reached: "
					+ NetworkFailures.why(request.uri().getHost(), ex) + ".");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmtpConnectionFailed("timeout", "Interrupted while calling " + provider + "'s API.");
		}
	}

	/**
	 * An answer that is neither a success nor a refusal of this message: 401/403 (the
	 * credentials) fail the connection, like a refused SMTP login; 429 and 5xx are
	 * transient (RFC 5321 §4.2.1: 4yz, try again later).
	 */
	SmtpReply notAccepted(HttpResponse<String> response, String words) throws SmtpConnectionFailed {
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			throw new SmtpConnectionFailed("authentication",
					provider + " refused the credentials (HTTP " + status + "): " + words);
		}
		if (status == 429) {
			return new SmtpReply(421, "421 4.7.0 " + provider + " rate limit (HTTP 429): " + words);
		}
		if (status >= 500) {
			return new SmtpReply(451,
					"451 4.3.0 " + provider + " could not take it now (HTTP " + status + "): " + words);
		}
		return new SmtpReply(554, "554 5.6.0 " + provider + " refused the message (HTTP " + status + "): " + words);
	}

	/** The provider's own words from an error body: its JSON message, else the text. */
	static String words(String body, String field) {
		if (body == null || body.isBlank()) {
			return "(no details)";
		}
		try {
			JsonNode json = JSON.readTree(body);
			if (json.path(field).isTextual()) {
				return cut(json.path(field).asText());
			}
		}
		catch (IOException ex) {
			// Not JSON: the text itself.
		}
		return cut(body.strip());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static String cut(String text) {
		String line = text.replaceAll("[\\r\\n]+", " ");
		return line.length() > 500 ? line.substring(0, 500) : line;
	}

}
