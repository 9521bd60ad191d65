package com.penguinmails.inbound.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.mail.Part;

import com.penguinmails.inbound.internal.Classification.Kind;

/**
 * Complaints: a multipart/report with report-type feedback-report (ARF, RFC 5965) whose
 * message/feedback-report part describes the complaint, with the original attached as
 * message/rfc822 or text/rfc822-headers. Yahoo's complaint feedback loop and Microsoft's
 * JMRP send this format too. Every feedback type (abuse, fraud, not-spam, ...) is a
 * {@link Kind#COMPLAINT}; the caller decides what each means.
 */
final class FeedbackReports {

	private FeedbackReports() {
	}

	// Microsoft's JMRP and Hotmail's older loop: "complaint about message from
	// 192.0.2.1".
	private static final Pattern LOOP_SUBJECT = Pattern
		.compile("(?i)^\\s*(complaint about message from|abuse report|spam report|fbl report)");

	/** A COMPLAINT when the message is a feedback report, else empty. */
	static Optional<Classification> read(MessageParts parts) {
		Optional<Part> report = parts.first("message/feedback-report");
		if (report.isEmpty() && !"feedback-report".equals(parts.reportType())) {
			return loopReport(parts);
		}
		Map<String, String> fields = Map.of();
		if (report.isEmpty()) {
			parts.problem("the feedback report has no message/feedback-report part");
		}
		else {
			fields = FieldBlocks.parse(parts.text(report.get())).first();
			// RFC 5965 §3.1: Feedback-Type, User-Agent and Version are required.
			if (!fields.containsKey("feedback-type")) {
				parts.problem("the feedback report has no Feedback-Type");
			}
		}
		Optional<UnaryOperator<String>> attached = Originals.attachedHeaders(parts);
		String recipient = FieldBlocks.address(fields.get("original-rcpt-to"));
		if (recipient == null && attached.isPresent()) {
			// Microsoft JMRP leaves Original-Rcpt-To out and names the recipient here.
			recipient = FieldBlocks.address(attached.get().apply("X-HmXmrOriginalRecipient"));
		}
		String arrival = fields.containsKey("arrival-date") ? fields.get("arrival-date") : fields.get("received-date");
		Complaint complaint = new Complaint(lower(fields.get("feedback-type")), fields.get("user-agent"), recipient,
				FieldBlocks.address(fields.get("source-ip")), arrival);
		return Optional
			.of(new Classification(Kind.COMPLAINT, null, complaint, Originals.of(parts), null, parts.problems()));
	}

	/**
	 * A feedback loop report without the ARF part: Microsoft JMRP sends a multipart/mixed
	 * whose attached original carries {@code X-HmXmrOriginalRecipient}, under a subject
	 * such as "complaint about message from 192.0.2.1".
	 */
	private static Optional<Classification> loopReport(MessageParts parts) {
		// Apple Mail's unsubscribe: the user's own client asks to opt out (RFC 5965
		// Feedback-Type opt-out).
		String apple = parts.header("X-Apple-Unsubscribe");
		if (apple != null && apple.strip().equalsIgnoreCase("true")) {
			Complaint optOut = new Complaint("opt-out", "Apple Mail", FieldBlocks.address(parts.header("From")), null,
					null);
			return Optional.of(new Classification(Kind.COMPLAINT, null, optOut, null, null, parts.problems()));
		}
		Optional<UnaryOperator<String>> attached = Originals.attachedHeaders(parts);
		if (attached.isEmpty()) {
			return Optional.empty();
		}
		String recipient = FieldBlocks.address(attached.get().apply("X-HmXmrOriginalRecipient"));
		String subject = parts.header("Subject");
		boolean loop = recipient != null || (subject != null && LOOP_SUBJECT.matcher(subject).find());
		if (!loop) {
			return Optional.empty();
		}
		if (recipient == null) {
			recipient = FieldBlocks.address(attached.get().apply("To"));
		}
		Complaint complaint = new Complaint("abuse", null, recipient,
				FieldBlocks.address(attached.get().apply("X-Reporter-IP")), null);
		return Optional
			.of(new Classification(Kind.COMPLAINT, null, complaint, Originals.of(parts), null, parts.problems()));
	}

	private static String lower(String value) {
		return (value != null) ? value.strip().toLowerCase(Locale.ROOT) : null;
	}

}
