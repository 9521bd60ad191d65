package com.penguinmails.templates.internal.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.common.net.InternetDomainName;

import com.penguinmails.templates.Finding;

/**
 * {@code url-shortener}: a link to a public URL shortener; {@code foreign-link-domain}: a
 * link whose host is neither an own domain (sending or tracking), nor a subdomain of one,
 * nor under the same registrable domain (one label below the public suffix, from the
 * Public Suffix List as Guava ships it). Links whose host is a Liquid expression are
 * skipped, and so is the domain check when no own domains are known. One warning per
 * host.
 */
public final class LinkDomainRule implements LintRule {

	/** Public URL shorteners (and their subdomains). */
	public static final Set<String> SHORTENERS = Set.of("bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly",
			"is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "bl.ink", "s.id",
			"lnkd.in", "v.gd", "bit.do", "soo.gd", "clck.ru", "shorte.st", "adf.ly", "tr.im", "qr.ae", "fb.me", "db.tt",
			"youtu.be", "amzn.to", "po.st", "x.co", "mcaf.ee", "su.pr", "1url.com", "tiny.one", "short.io", "t2m.io",
			"urlz.fr", "snip.ly", "dub.sh");

	@Override
	public void check(LintContent content, List<Finding> findings) {
		Set<String> shortened = new LinkedHashSet<>();
		Set<String> foreign = new LinkedHashSet<>();
		Set<String> own = new LinkedHashSet<>();
		for (String domain : content.input().ownDomains()) {
			String d = bare(domain);
			if (!d.isEmpty()) {
				own.add(d);
				own.add(registrable(d));
			}
		}
		for (LintContent.Link link : content.links()) {
			String host = link.host();
			if (host.isEmpty() || link.liquidHost()) {
				continue;
			}
			if (SHORTENERS.stream().anyMatch(s -> within(host, s))) {
				shortened.add(host);
			}
			else if (!own.isEmpty() && own.stream().noneMatch(d -> within(host, d))
					&& !own.contains(registrable(host))) {
				foreign.add(host);
			}
		}
		for (String host : shortened) {
			findings.add(Finding.warning("url-shortener", "A shortened link (" + host + ")",
					"Spammers hide where a link goes behind shorteners, so filters distrust them and many "
							+ "block whole shortener domains. Link to the full address on your own domain."));
		}
		for (String host : foreign) {
			findings.add(Finding.warning("foreign-link-domain",
					"A link to " + host + ", not one of your domains ("
							+ String.join(", ", new java.util.TreeSet<>(content.input().ownDomains())) + ")",
					"Links to domains other than the one you send from make the message look like a redirect "
							+ "or phishing to filters. Link to your own domain, or send from the domain you link to."));
		}
	}

	static boolean within(String host, String domain) {
		return host.equals(domain) || host.endsWith("." + domain);
	}

	static String bare(String domain) {
		String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
		return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
	}

	/** RFC 7489 §3.2's organisational domain: one label below the public suffix. */
	static String registrable(String host) {
		try {
			InternetDomainName name = InternetDomainName.from(host);
			if (name.isUnderRegistrySuffix()) {
				return name.topDomainUnderRegistrySuffix().toString();
			}
			List<String> labels = name.parts();
			return labels.size() <= 2 ? host : String.join(".", labels.subList(labels.size() - 2, labels.size()));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return host;
		}
	}

}
