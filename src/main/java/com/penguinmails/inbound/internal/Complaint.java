package com.penguinmails.inbound.internal;

/** STUB. */
public record Complaint(String feedbackType, String userAgent, String originalRecipient, String sourceIp,
		String arrivalDate) {
}
