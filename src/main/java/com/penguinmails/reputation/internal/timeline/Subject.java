package com.penguinmails.reputation.internal.timeline;

import java.util.Locale;

/**
 * What a reputation timeline is about: a sending domain, a sending IP or a mailbox.
 *
 * @param kind which of the three
 * @param key the domain name (lower case, no trailing dot), the IP address as written by
 * {@link java.net.InetAddress#getHostAddress()}, or the mailbox id
 */
public record Subject(Kind kind, String key) {

	/** The three kinds of subject. */
	public enum Kind {

		DOMAIN, IP, MAILBOX;

		/** The kind's name in URLs: {@code domain}, {@code ip}, {@code mailbox}. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	public static Subject domain(String name) {
		return new Subject(Kind.DOMAIN, name.toLowerCase(Locale.ROOT));
	}

	public static Subject ip(String address) {
		return new Subject(Kind.IP, address);
	}

	public static Subject mailbox(java.util.UUID id) {
		return new Subject(Kind.MAILBOX, id.toString());
	}

}
