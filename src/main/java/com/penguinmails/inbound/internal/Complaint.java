package com.penguinmails.inbound.internal;

/**
 * An ARF report (RFC 5965 §3.1): a mailbox provider telling us that one of its users
 * marked our message as spam. Any field may be {@code null} when the report leaves it
 * out.
 *
 * @param feedbackType the Feedback-Type, e.g. {@code "abuse"}
 * @param userAgent the User-Agent of the reporting system
 * @param originalRecipient the Original-Rcpt-To address, bare; for Microsoft JMRP
 * reports, which leave that field out, the attached original's
 * {@code X-HmXmrOriginalRecipient}
 * @param sourceIp the Source-IP our message came from
 * @param arrivalDate the Arrival-Date as written (or the older Received-Date)
 */
public record Complaint(String feedbackType, String userAgent, String originalRecipient, String sourceIp,
		String arrivalDate) {

}
