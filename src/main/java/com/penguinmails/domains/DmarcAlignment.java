package com.penguinmails.domains;

import java.util.List;
import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * DMARC identifier alignment (RFC 7489 §3.1): the From domain against the DKIM signing
 * domain ({@code d=}) and the SPF-authenticated domain (the envelope sender's). Relaxed
 * alignment compares organizational domains, found with the public suffix list; strict
 * needs the exact domain.
 *
 * @param dkimMode r (relaxed) or s (strict), from the DMARC record's adkim tag
 * @param spfMode r or s, from aspf
 */
public record DmarcAlignment(String fromDomain, String dkimDomain, String spfDomain, String dkimMode, String spfMode,
		boolean dkimAligned, boolean spfAligned) {

	/** DMARC passes when either identifier is aligned (and authenticates). */
	public boolean aligned() {
		return dkimAligned || spfAligned;
	}

	public static DmarcAlignment evaluate(String from, String dkim, String spf, String adkim, String aspf) {
		String dkimMode = "s".equalsIgnoreCase(adkim) ? "s" : "r";
		String spfMode = "s".equalsIgnoreCase(aspf) ? "s" : "r";
		return new DmarcAlignment(from, dkim, spf, dkimMode, spfMode, aligned(from, dkim, dkimMode),
				aligned(from, spf, spfMode));
	}

	static boolean aligned(String from, String other, String mode) {
		if (from == null || other == null || from.isBlank() || other.isBlank()) {
			return false;
		}
		String a = from.strip().toLowerCase(Locale.ROOT);
		String b = other.strip().toLowerCase(Locale.ROOT);
		if (a.equals(b)) {
			return true;
		}
		return "r".equals(mode) && organizational(a).equals(organizational(b));
	}

	/** A tag's value in a {@code tag=value;} record (DMARC, DKIM), or null. */
	public static String tag(String record, String name) {
		for (String part : record.split(";")) {
			int eq = part.indexOf('=');
			if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
				return part.substring(eq + 1).strip();
			}
		}
		return null;
	}

	/** RFC 7489 §3.2: the registrable domain, one label below the public suffix. */
	static String organizational(String domain) {
		try {
			InternetDomainName name = InternetDomainName.from(domain);
			if (name.isUnderRegistrySuffix()) {
				return name.topDomainUnderRegistrySuffix().toString();
			}
			// A TLD the list does not know counts as a public suffix (the list's default
			// "*" rule).
			List<String> labels = name.parts();
			return labels.size() <= 2 ? domain : String.join(".", labels.subList(labels.size() - 2, labels.size()));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return domain;
		}
	}

}
