package com.penguinmails.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * One message the sandbox caught, as shown on {@code /sandbox/mail}.
 *
 * @param id a stable id: the first 24 hex digits of the SHA-256 of the message as stored,
 * so a link or an answer names this message whatever arrives after it
 * @param from the sender as people read it ({@code Name <address>}, the name decoded from
 * RFC 2047)
 * @param to the recipients, likewise
 * @param headers the message's header block as received (DKIM-Signature, Message-ID,
 * List-Unsubscribe, ...), at most 64 KiB, so a test send can be checked
 * @param attachments the files it carries, without their bytes
 * ({@link SandboxMailbox#attachment})
 */
public record SandboxMail(String id, String from, List<String> to, String subject, Instant receivedAt, String text,
		String html, String headers, List<Attachment> attachments) {

	/** A message without attachments. */
	public SandboxMail(String id, String from, List<String> to, String subject, Instant receivedAt, String text,
			String html, String headers) {
		this(id, from, to, subject, receivedAt, text, html, headers, List.of());
	}

	/**
	 * A part of the message that is a file (a {@code Content-Disposition: attachment} or
	 * a named part), in the order of the message.
	 *
	 * @param name its file name (RFC 2231/2047 decoded), or "attachment-N" without one
	 * @param contentType its MIME type as the sender labelled it (never trusted to show
	 * it: downloads are always {@code application/octet-stream})
	 * @param size its decoded size in bytes
	 */
	public record Attachment(String name, String contentType, long size) {
	}

	/** Whether one of the recipients is {@code address} (ignoring case). */
	public boolean addressedTo(String address) {
		return to.stream().map(SandboxMail::bare).anyMatch(address::equalsIgnoreCase);
	}

	/**
	 * Whether the sender or one of the recipients is in {@code addresses} (lower case).
	 */
	public boolean involves(Set<String> addresses) {
		return addresses.contains(bare(from)) || to.stream().map(SandboxMail::bare).anyMatch(addresses::contains);
	}

	/** The sender's bare address, lower case. */
	public String fromAddress() {
		return bare(from);
	}

	private static String bare(String address) {
		// "Name <address>" (the name may hold any character, shown decoded): the part in
		// angle brackets.
		int open = address.lastIndexOf('<');
		int close = address.indexOf('>', open + 1);
		if (open >= 0 && close > open) {
			return address.substring(open + 1, close).strip().toLowerCase(Locale.ROOT);
		}
		try {
			return new InternetAddress(address, false).getAddress().toLowerCase(Locale.ROOT);
		}
		catch (AddressException ex) {
			return address.strip().toLowerCase(Locale.ROOT);
		}
	}

}
