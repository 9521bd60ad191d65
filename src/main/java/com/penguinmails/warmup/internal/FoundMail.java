package com.penguinmails.warmup.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * What the receiving side reads of a message found over IMAP: its Message-ID, the ids it
 * answers, its subject, and the warmup tokens in its header and text parts (quoted text
 * included).
 *
 * @param messageId RFC 5322 Message-ID with angle brackets, or null
 * @param answers In-Reply-To and References ids (RFC 5322 §3.6.4)
 * @param tokens the tokens found, in order of first occurrence
 */
public record FoundMail(String messageId, List<String> answers, String subject, Set<String> tokens) {

	/** How much of a text part is searched for tokens. */
	private static final int MAX_TEXT_CHARS = 200_000;

	/** Reads the message; parts that cannot be read are skipped. */
	public static FoundMail read(Message message) throws MessagingException {
		String messageId = first(message.getHeader("Message-ID"));
		String inReplyTo = first(message.getHeader("In-Reply-To"));
		String references = first(message.getHeader("References"));
		String header = message instanceof MimeMessage mime ? WarmupRecognition.header(mime) : null;
		StringBuilder text = new StringBuilder();
		texts(message, text);
		List<String> answers = WarmupRecognition.ids(null, inReplyTo,
				references == null ? List.of() : List.of(references));
		return new FoundMail(messageId == null ? null : messageId.strip(), answers, message.getSubject(),
				WarmupRecognition.tokens(header, text.toString()));
	}

	/** Its own id and the ids it answers. */
	public List<String> ids() {
		return WarmupRecognition.ids(messageId, null, answers);
	}

	private static void texts(Part part, StringBuilder text) {
		try {
			if (part.isMimeType("text/*")) {
				Object content = part.getContent();
				if (content instanceof String value) {
					text.append(value, 0, Math.min(value.length(), MAX_TEXT_CHARS)).append('\n');
				}
			}
			else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					texts(multipart.getBodyPart(i), text);
				}
			}
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			// An unreadable part says nothing about warmup.
		}
	}

	private static String first(String[] values) {
		return values == null || values.length == 0 ? null : values[0];
	}

}
