package com.penguinmails.inbound.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ProviderProperties;
import com.penguinmails.shared.NetworkPolicy;

/**
 * Amazon SNS HTTP(S) messages, as SES event destinations deliver them: their signature
 * verified (SNS developer guide, "Verifying the signatures of Amazon SNS messages":
 * SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over the documented canonical
 * string of the message's fields), the signing certificate fetched only from a host
 * matching {@code penguinmails.providers.sns-cert-hosts} over https, and a
 * SubscriptionConfirmation confirmed by visiting its SubscribeURL (same rule).
 */
@Component
class SnsMessages {

	/** The fields signed, in order, per message type. */
	private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn",
			"Type");

	private static final List<String> SUBSCRIPTION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
			"Token", "TopicArn", "Type");

	private final ProviderProperties properties;

	private final NetworkPolicy policy;

	private final Pattern hosts;

	private final HttpClient http;

	private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

	SnsMessages(ProviderProperties properties, NetworkPolicy policy) {
		this.properties = properties;
		this.policy = policy;
		this.hosts = Pattern.compile(properties.snsCertHosts());
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The message is not signed by SNS, or its certificate is not SNS's. */
	static final class Refused extends Exception {

		Refused(String message) {
			super(message);
		}

	}

	/** Verifies the message's signature with its signing certificate. */
	void verify(JsonNode message) throws Refused {
		String type = message.path("Type").asText("");
		List<String> fields = switch (type) {
			case "Notification" -> NOTIFICATION;
			case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION;
			default -> throw new Refused("Not an SNS message type: " + type);
		};
		StringBuilder canonical = new StringBuilder();
		for (String field : fields) {
			JsonNode value = message.path(field);
			if (value.isTextual()) {
				canonical.append(field).append('\n').append(value.asText()).append('\n');
			}
			else if (!field.equals("Subject")) {
				throw new Refused("The SNS message has no " + field);
			}
		}
		String algorithm = switch (message.path("SignatureVersion").asText("")) {
			case "1" -> "SHA1withRSA";
			case "2" -> "SHA256withRSA";
			default -> throw new Refused("Unknown SNS SignatureVersion " + message.path("SignatureVersion").asText());
		};
		X509Certificate certificate = certificate(message.path("SigningCertURL").asText(""));
		try {
			Signature signature = Signature.getInstance(algorithm);
			signature.initVerify(certificate.getPublicKey());
			signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
			if (!signature.verify(Base64.getDecoder().decode(message.path("Signature").asText("")))) {
				throw new Refused("The SNS signature does not verify");
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new Refused("The SNS signature could not be checked: " + ex.getMessage());
		}
	}

	/** Confirms a subscription by visiting its SubscribeURL (an allowed SNS host). */
	void confirm(JsonNode message) throws Refused {
		URI uri = allowed(message.path("SubscribeURL").asText(""));
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new Refused("SNS answered HTTP " + response.statusCode() + " to the subscription confirmation");
			}
		}
		catch (IOException ex) {
			throw new Refused("The SubscribeURL could not be visited: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Refused("Interrupted");
		}
	}

	private X509Certificate certificate(String url) throws Refused {
		X509Certificate cached = certificates.get(url);
		if (cached != null) {
			return cached;
		}
		URI uri = allowed(url);
		if (!uri.getPath().toLowerCase(Locale.ROOT).endsWith(".pem")) {
			throw new Refused("The SigningCertURL is not a .pem certificate");
		}
		try {
			HttpResponse<byte[]> response = http.send(
					HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new Refused("The signing certificate could not be fetched (HTTP " + response.statusCode() + ")");
			}
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(response.body()));
			certificate.checkValidity();
			certificates.put(url, certificate);
			return certificate;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new Refused("The signing certificate could not be read: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Refused("Interrupted");
		}
	}

	/**
	 * An SNS URL: https (http in tests only), on an allowed host, passing the network
	 * policy.
	 */
	private URI allowed(String url) throws Refused {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new Refused("Not a URL: " + url);
		}
		boolean scheme = "https".equals(uri.getScheme())
				|| (properties.snsAllowHttp() && "http".equals(uri.getScheme()));
		if (!scheme || uri.getHost() == null || !hosts.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()
				|| uri.getUserInfo() != null) {
			throw new Refused("Not an SNS host: " + uri.getHost());
		}
		try {
			policy.check(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort());
		}
		catch (RuntimeException ex) {
			throw new Refused(ex.getMessage());
		}
		return uri;
	}

}
