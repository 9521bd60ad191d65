package com.penguinmails.mailboxes.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.mailboxes.TransportKind;

/**
 * Mailgun's sending API with our MIME as it is: {@code POST /v3/{domain}/messages.mime},
 * multipart/form-data (RFC 7578) with {@code to} and the {@code message} file, HTTP Basic
 * user {@code api} and the private API key. Our DKIM signature, Message-ID, threading
 * headers and List-Unsubscribe travel untouched (Mailgun may add its own signature).
 * <p>
 * Mailgun answers {@code 200 {"id": "<...>", "message": "Queued. Thank you."}}; the id
 * (the message's Message-ID) goes in the reply as {@code OK <id>}, where the dispatcher
 * keeps it as the queue id that webhooks match.
 */
final class MailgunTransport implements MailboxTransport {

	private final ProviderHttp http;

	private final URI base;

	private final String domain;

	private final String apiKey;

	MailgunTransport(ProviderHttp http, URI base, String domain, String apiKey) {
		this.http = http;
		this.base = base;
		this.domain = domain;
		this.apiKey = apiKey;
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		byte[] raw;
		String to;
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			raw = out.toByteArray();
			StringBuilder recipients = new StringBuilder();
			for (Address address : message.getAllRecipients()) {
				recipients.append(recipients.isEmpty() ? "" : ",").append(((InternetAddress) address).getAddress());
			}
			to = recipients.toString();
		}
		catch (MessagingException | IOException ex) {
			return new SmtpReply(554, "554 5.6.0 The message could not be written: " + ex.getMessage());
		}
		String boundary = "penguinmails-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		part(body, boundary, "to", null, to.getBytes(StandardCharsets.UTF_8));
		part(body, boundary, "message", "message.mime", raw);
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		HttpRequest request = http.request(messagesUri())
			.header("Authorization", ProviderHttp.basic("api", apiKey))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		HttpResponse<String> response = http.send(request);
		String words = ProviderHttp.words(response.body(), "message");
		if (response.statusCode() == 200) {
			String id = id(response.body());
			return new SmtpReply(250, "250 2.0.0 OK <" + id + "> " + words + " (Mailgun)");
		}
		if (response.statusCode() == 400) {
			// Mailgun says which parameter is wrong: an address Mailgun will not take is
			// a
			// refused recipient (RFC 3463 X.1.3: bad destination mailbox address syntax).
			String lower = words.toLowerCase(java.util.Locale.ROOT);
			if (lower.contains("'to'") || lower.contains("recipient") || lower.contains("address")) {
				return new SmtpReply(553, "553 5.1.3 Mailgun refused the recipient: " + words);
			}
		}
		return http.notAccepted(response, words);
	}

	URI messagesUri() {
		return URI.create(base + "/v3/" + URLEncoder.encode(domain, StandardCharsets.UTF_8) + "/messages.mime");
	}

	/** The cheapest authenticated call: {@code GET /v3/domains/{domain}}. */
	ConnectionTest.Step check() {
		try {
			HttpResponse<String> response = http.send(
					http.request(URI.create(base + "/v3/domains/" + URLEncoder.encode(domain, StandardCharsets.UTF_8)))
						.header("Authorization", ProviderHttp.basic("api", apiKey))
						.GET()
						.build());
			if (response.statusCode() == 200) {
				String state = ProviderHttp.JSON.readTree(response.body()).path("domain").path("state").asText("");
				return new ConnectionTest.Step(true, null, "Mailgun accepted the API key; the sending domain " + domain
						+ (state.isEmpty() ? " exists." : " is " + state + "."));
			}
			String words = ProviderHttp.words(response.body(), "message");
			if (response.statusCode() == 401 || response.statusCode() == 403) {
				return new ConnectionTest.Step(false, "authentication",
						"Mailgun refused the API key (HTTP " + response.statusCode() + "): " + words
								+ ". Check the private API key and the region (US or EU).");
			}
			if (response.statusCode() == 404) {
				return new ConnectionTest.Step(false, "domain",
						"Mailgun has no sending domain " + domain + " in this account and region: " + words);
			}
			return new ConnectionTest.Step(false, "protocol",
					"Mailgun answered HTTP " + response.statusCode() + ": " + words);
		}
		catch (SmtpConnectionFailed ex) {
			return new ConnectionTest.Step(false, ex.stage(), ex.getMessage());
		}
		catch (IOException ex) {
			return new ConnectionTest.Step(false, "protocol", "Mailgun's answer was not JSON: " + ex.getMessage());
		}
	}

	private static String id(String body) {
		try {
			JsonNode json = ProviderHttp.JSON.readTree(body);
			String id = json.path("id").asText("").strip();
			return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void part(ByteArrayOutputStream body, String boundary, String name, String filename,
			byte[] content) {
		StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
		head.append("Content-Disposition: form-data; name=\"").append(name).append('"');
		if (filename != null) {
			head.append("; filename=\"").append(filename).append('"');
		}
		head.append("\r\n");
		if (filename != null) {
			head.append("Content-Type: message/rfc822\r\n");
		}
		head.append("\r\n");
		body.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(content);
		body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public SentVia via() {
		return new SentVia(TransportKind.MAILGUN, null);
	}

	@Override
	public void close() {
		// HTTP: nothing held open between messages that needs closing.
	}

}
