package com.penguinmails.warmup.internal;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/** A mailbox's provider: the registered domain of its IMAP host. */
public final class Providers {

	private Providers() {
	}

	/**
	 * The registered domain (public suffix + one label, from the Public Suffix List) of a
	 * host: {@code imap.gmail.com} → {@code gmail.com}, {@code outlook.office365.com} →
	 * {@code office365.com}; the host itself, lower case, for an IP address or a name
	 * under no known suffix.
	 */
	public static String of(String host) {
		String name = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
		try {
			InternetDomainName domain = InternetDomainName.from(name);
			return domain.isUnderPublicSuffix() ? domain.topPrivateDomain().toString() : name;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return name;
		}
	}

}
