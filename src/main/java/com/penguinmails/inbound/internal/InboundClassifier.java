package com.penguinmails.inbound.internal;

import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import com.penguinmails.inbound.internal.Classification.Kind;

/**
 * Classifies a received message from its content alone: a complaint (ARF), a bounce (RFC
 * 3464 DSN, an Amazon SES JSON notification, or a mail system's own notice), an
 * auto-reply (RFC 3834), an unsubscribe request, or any other message, checked in that
 * order. Pure: no database, no network.
 */
public final class InboundClassifier {

	private InboundClassifier() {
	}

	/**
	 * Never throws: whatever cannot be read is listed in
	 * {@link Classification#problems()} and the rest still classified.
	 */
	public static Classification classify(MimeMessage message) {
		if (message == null) {
			return new Classification(Kind.MESSAGE, null, null, null, null, List.of("there is no message"));
		}
		MessageParts parts;
		try {
			parts = MessageParts.of(message);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return new Classification(Kind.MESSAGE, null, null, null, null,
					List.of("the message could not be read: " + ex));
		}
		try {
			return classify(parts);
		}
		catch (RuntimeException | StackOverflowError ex) {
			parts.problem("the message could not be classified: " + ex);
			return new Classification(Kind.MESSAGE, null, null, null, null, parts.problems());
		}
	}

	private static Classification classify(MessageParts parts) {
		Optional<Classification> report = FeedbackReports.read(parts)
			.or(() -> DeliveryStatusReports.read(parts))
			.or(() -> SesNotifications.read(parts))
			.or(() -> NonStandardBounces.read(parts));
		if (report.isPresent()) {
			return report.get();
		}
		Optional<String> autoReply = AutoReplies.reason(parts);
		if (autoReply.isPresent()) {
			return new Classification(Kind.AUTO_REPLY, null, null, null, autoReply.get(), parts.problems());
		}
		Kind kind = Unsubscribes.requested(parts) ? Kind.UNSUBSCRIBE : Kind.MESSAGE;
		return new Classification(kind, null, null, null, null, parts.problems());
	}

}
