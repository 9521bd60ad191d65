package com.penguinmails.mailboxes.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.mailboxes.TransportKind;

/**
 * Postmark's {@code POST /email}: Postmark takes JSON, not MIME, and builds and
 * DKIM-signs the message itself (with the Postmark DKIM record of the sender's domain),
 * so our signature is not sent. Our other headers go in {@code Headers}: Message-ID,
 * In-Reply-To, References, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), our
 * X-PenguinMails-ID; the bodies in {@code TextBody}/{@code HtmlBody}; the stream in
 * {@code MessageStream}. Postmark's tracking stays off: ours is in the links.
 * <p>
 * Postmark answers {@code 200 {"MessageID": "...", "ErrorCode": 0}}; the MessageID goes
 * in the reply as {@code queued as ...}, where the dispatcher keeps it as the queue id
 * that Postmark's webhooks name.
 */
final class PostmarkTransport implements MailboxTransport {

	/** Headers Postmark builds from the JSON fields, or that only describe our MIME. */
	private static final Set<String> BUILT = Set.of("from", "to", "cc", "bcc", "subject", "reply-to", "date",
			"mime-version", "content-type", "content-transfer-encoding", "dkim-signature", "return-path", "received",
			"sender");

	private final ProviderHttp http;

	private final URI base;

	private final String token;

	private final String stream;

	PostmarkTransport(ProviderHttp http, URI base, String token, String stream) {
		this.http = http;
		this.base = base;
		this.token = token;
		this.stream = stream;
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		ObjectNode email;
		try {
			email = email(message);
		}
		catch (MessagingException | IOException ex) {
			return new SmtpReply(554, "554 5.6.0 The message could not be read for Postmark: " + ex.getMessage());
		}
		HttpResponse<String> response = http.send(http.request(URI.create(base + "/email"))
			.header("Content-Type", "application/json")
			.header("X-Postmark-Server-Token", token)
			.POST(HttpRequest.BodyPublishers.ofString(email.toString()))
			.build());
		String words = ProviderHttp.words(response.body(), "Message");
		int errorCode = errorCode(response.body());
		if (response.statusCode() == 200 && errorCode == 0) {
			String id = messageId(response.body());
			return new SmtpReply(250, "250 2.0.0 Ok: queued as " + id + " (Postmark)");
		}
		if (response.statusCode() == 422) {
			// Postmark's API error codes: 406 inactive recipient (it bounced hard or
			// complained before), 300 invalid email request (often a bad To).
			if (errorCode == 406) {
				return new SmtpReply(550, "550 5.1.1 Postmark: inactive recipient (ErrorCode 406): " + words);
			}
			if (errorCode == 300 && words.toLowerCase(Locale.ROOT).contains("'to'")) {
				return new SmtpReply(553, "553 5.1.3 Postmark refused the recipient (ErrorCode 300): " + words);
			}
			if (errorCode == 10) {
				throw new SmtpConnectionFailed("authentication", "Postmark refused the server token: " + words);
			}
			return new SmtpReply(554, "554 5.6.0 Postmark refused the message (ErrorCode " + errorCode + "): " + words);
		}
		return http.notAccepted(response, words);
	}

	/** The cheapest authenticated call: {@code GET /server}. */
	ConnectionTest.Step check() {
		try {
			HttpResponse<String> response = http.send(
					http.request(URI.create(base + "/server")).header("X-Postmark-Server-Token", token).GET().build());
			if (response.statusCode() == 200) {
				String name = ProviderHttp.JSON.readTree(response.body()).path("Name").asText("");
				return new ConnectionTest.Step(true, null, "Postmark accepted the server token"
						+ (name.isEmpty() ? "." : " of the server \"" + name + "\".") + " Message stream: " + stream
						+ ". Postmark signs the mail with DKIM itself: publish its DKIM record for the domain.");
			}
			String words = ProviderHttp.words(response.body(), "Message");
			if (response.statusCode() == 401 || response.statusCode() == 403 || errorCode(response.body()) == 10) {
				return new ConnectionTest.Step(false, "authentication",
						"Postmark refused the server token (HTTP " + response.statusCode() + "): " + words);
			}
			return new ConnectionTest.Step(false, "protocol",
					"Postmark answered HTTP " + response.statusCode() + ": " + words);
		}
		catch (SmtpConnectionFailed ex) {
			return new ConnectionTest.Step(false, ex.stage(), ex.getMessage());
		}
		catch (IOException ex) {
			return new ConnectionTest.Step(false, "protocol", "Postmark's answer was not JSON: " + ex.getMessage());
		}
	}

	private ObjectNode email(MimeMessage message) throws MessagingException, IOException {
		ObjectNode email = ProviderHttp.JSON.createObjectNode();
		email.put("From", addresses(message.getFrom()));
		email.put("To", addresses(message.getRecipients(jakarta.mail.Message.RecipientType.TO)));
		String cc = addresses(message.getRecipients(jakarta.mail.Message.RecipientType.CC));
		if (!cc.isEmpty()) {
			email.put("Cc", cc);
		}
		String replyTo = message.getHeader("Reply-To", ",");
		if (replyTo != null) {
			email.put("ReplyTo", replyTo);
		}
		email.put("Subject", message.getSubject() == null ? "" : message.getSubject());
		String[] bodies = new String[2];
		bodies(message, bodies);
		if (bodies[0] != null) {
			email.put("TextBody", bodies[0]);
		}
		if (bodies[1] != null) {
			email.put("HtmlBody", bodies[1]);
		}
		ArrayNode headers = email.putArray("Headers");
		for (Header header : Collections.list(message.getAllHeaders())) {
			if (!BUILT.contains(header.getName().toLowerCase(Locale.ROOT))) {
				headers.addObject().put("Name", header.getName()).put("Value", unfold(header.getValue()));
			}
		}
		email.put("TrackOpens", false);
		email.put("TrackLinks", "None");
		email.put("MessageStream", stream);
		return email;
	}

	/** The first text/plain and text/html parts, depth first (RFC 2046 §5.1.4). */
	private static void bodies(Part part, String[] bodies) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && bodies[0] == null
				&& !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			bodies[0] = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("text/html") && bodies[1] == null) {
			bodies[1] = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				bodies(child, bodies);
			}
		}
	}

	private static String addresses(Address[] addresses) {
		if (addresses == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (Address address : addresses) {
			text.append(text.isEmpty() ? "" : ",").append(((InternetAddress) address).toUnicodeString());
		}
		return text.toString();
	}

	/** RFC 5322 §2.2.3: a folded header is one line once its CRLFs are removed. */
	private static String unfold(String value) {
		return value == null ? "" : value.replaceAll("\\r?\\n(?=[ \\t])", "");
	}

	private static int errorCode(String body) {
		try {
			JsonNode json = ProviderHttp.JSON.readTree(body == null ? "" : body);
			return json == null ? -1 : json.path("ErrorCode").asInt(-1);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String messageId(String body) {
		try {
			return ProviderHttp.JSON.readTree(body).path("MessageID").asText("");
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public SentVia via() {
		return new SentVia(TransportKind.POSTMARK, null);
	}

	@Override
	public void close() {
		// HTTP: nothing held open between messages that needs closing.
	}

}
