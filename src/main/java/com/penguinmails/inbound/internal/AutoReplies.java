package com.penguinmails.inbound.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Automatic responses (RFC 3834): out-of-office notices and other auto-replies, by their
 * headers first, then by their subject, then by the first words of their body.
 */
final class AutoReplies {

	private static final Pattern PRECEDENCE = Pattern.compile("(?i)auto_reply|bulk|junk");

	private static final Pattern SUBJECT = Pattern
		.compile("(?i)^\\s*\\[?(automatic reply|auto|autoreply|auto-reply|auto reply"
				+ "|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica"
				+ "|automatisch antwoord)\\s*[:\\]]|^\\s*out of (the )?office");

	private static final Pattern BODY = Pattern
		.compile("(?i)\\b(i am|i'm|i will be|i'll be) (currently )?out of (the )?office"
				+ "|\\bon vacation\\b|\\baway until\\b|\\bnicht im büro\\b|\\bbin (bis|vom) .{0,40}abwesend|\\bje suis absente?\\b");

	// Only a body's first words: a person may mention a vacation deep in a reply.
	private static final int BODY_WINDOW = 600;

	private AutoReplies() {
	}

	/** Which rule made the message an auto-reply, or empty. */
	static Optional<String> reason(MessageParts parts) {
		// RFC 3834 §5: any value but "no" marks an automatic message.
		String autoSubmitted = parts.header("Auto-Submitted");
		if (autoSubmitted != null && !token(autoSubmitted).equals("no") && !token(autoSubmitted).isEmpty()) {
			return Optional.of("Auto-Submitted: " + token(autoSubmitted));
		}
		for (String header : List.of("X-Autoreply", "X-Autorespond")) {
			String value = parts.header(header);
			if (value != null && !value.equalsIgnoreCase("no")) {
				return Optional.of(header + ": " + value);
			}
		}
		// Precedence is not standard, but responders and list servers set it.
		String precedence = parts.header("Precedence");
		if (precedence != null && PRECEDENCE.matcher(precedence.strip()).matches()) {
			return Optional.of("Precedence: " + precedence.strip().toLowerCase(Locale.ROOT));
		}
		// X-Auto-Response-Suppress is not a sign: Outlook sets it on people's mail too.
		String subject = parts.header("Subject");
		Matcher bySubject = SUBJECT.matcher((subject != null) ? subject : "");
		if (bySubject.find()) {
			return Optional.of("Subject: " + bySubject.group().strip());
		}
		String body = parts.ownText();
		Matcher byBody = BODY.matcher(body.substring(0, Math.min(body.length(), BODY_WINDOW)));
		if (byBody.find()) {
			return Optional.of("body: " + byBody.group());
		}
		return Optional.empty();
	}

	private static String token(String value) {
		// RFC 3834 §5: the keyword may be followed by ";" parameters and comments.
		String token = value.split("[;(]", 2)[0];
		return token.strip().toLowerCase(Locale.ROOT);
	}

}
