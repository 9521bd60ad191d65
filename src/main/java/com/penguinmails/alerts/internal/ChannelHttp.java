package com.penguinmails.alerts.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.NetworkPolicy;

/**
 * POSTs a JSON message to a chat incoming-webhook URL (Slack, Teams). The host is checked
 * against the network policy right before the request (no loopback or private address
 * unless allowed; the JVM's DNS cache makes the connection use the addresses the check
 * saw); redirects are not followed, the whole exchange is bounded by the timeout, and an
 * error names the URL by its host only: the path of such a URL is its secret.
 */
@Component
class ChannelHttp {

	/** The answer, or why there was none: {@code error} is null on a 2xx. */
	record Outcome(Integer status, String error) {

		boolean delivered() {
			return error == null;
		}

	}

	private final NetworkPolicy policy;

	private final HttpClient client;

	private final AlertsProperties properties;

	ChannelHttp(NetworkPolicy policy, AlertsProperties properties) {
		this.policy = policy;
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.timeout())
			.build();
	}

	Outcome post(String url, String json) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return new Outcome(null, "The stored URL is not a URL");
		}
		String host = uri.getHost();
		int port = uri.getPort() != -1 ? uri.getPort() : ("http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443);
		try {
			policy.check(host, port);
		}
		catch (NetworkPolicy.RefusedAddress ex) {
			return new Outcome(null, "Refused: " + ex.getMessage());
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(properties.timeout())
			// JSON is UTF-8 by definition (RFC 8259 §8.1).
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Outcome(status, null);
			}
			String body = response.body() == null ? "" : response.body().strip();
			return new Outcome(status, "HTTP " + status + " from " + host
					+ (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
		}
		catch (HttpTimeoutException ex) {
			return new Outcome(null, "Timed out after " + properties.timeout().toMillis() + " ms (" + host + ")");
		}
		catch (IOException ex) {
			return new Outcome(null, "Could not reach " + host + ": " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(null, "Interrupted");
		}
	}

}
