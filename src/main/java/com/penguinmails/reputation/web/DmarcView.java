package com.penguinmails.reputation.web;

import java.util.Locale;

import com.penguinmails.reputation.DmarcDomainView;

/**
 * A domain's DMARC view with the words and percentages the page shows (public: the
 * template calls its methods).
 */
public record DmarcView(DmarcDomainView view, String stepLabel, String stepClass) {

	static DmarcView of(DmarcDomainView view) {
		DmarcDomainView.Step step = view.recommendation().step();
		String label = switch (step) {
			case WAIT -> "Not yet";
			case FIX -> "Fix first";
			case MOVE -> "Safe to move to p=" + view.recommendation().next();
			case KEEP -> "Keep p=reject";
		};
		String css = switch (step) {
			case MOVE, KEEP -> "badge ok";
			case FIX -> "badge bad";
			case WAIT -> "badge warn";
		};
		return new DmarcView(view, label, css);
	}

	/** A rate as "97.5%", or a dash without data. */
	static String percent(Double rate) {
		return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
	}

	/**
	 * Every check a failing source fails, in words: DMARC fails only when both aligned
	 * DKIM and aligned SPF fail (RFC 7489 §4.2), so a DMARC failure names both.
	 */
	public String checksOf(DmarcDomainView.Fix fix) {
		if (fix.dmarcFailed()) {
			return "DKIM fails, SPF fails, DMARC fails";
		}
		String other = "DKIM".equals(fix.check()) ? "SPF" : "DKIM";
		return fix.check() + " fails, DMARC passes (" + other + " aligned)";
	}

	/**
	 * A source's reverse name for the page: the name, "private address" for a loopback,
	 * private (RFC 1918, RFC 4193), link-local or unspecified address (no public reverse
	 * name can exist), else "no reverse name known".
	 */
	public String reverseOf(String ip, String reverseName) {
		if (reverseName != null) {
			return reverseName;
		}
		return isPrivate(ip) ? "private address" : "no reverse name known";
	}

	static boolean isPrivate(String ip) {
		if (ip == null || !(org.xbill.DNS.Address.isDottedQuad(ip.strip()) || ip.contains(":"))) {
			return false;
		}
		try {
			java.net.InetAddress address = org.xbill.DNS.Address.getByAddress(ip.strip());
			byte[] bytes = address.getAddress();
			boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
			return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isAnyLocalAddress() || uniqueLocal;
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

	/** For the template: {@code view.percentOf(rate)}. */
	public String percentOf(Double rate) {
		return percent(rate);
	}

}
