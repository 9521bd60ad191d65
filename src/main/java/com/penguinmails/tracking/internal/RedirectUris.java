package com.penguinmails.tracking.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.ibm.icu.text.IDNA;

/**
 * A link as written in a message, made into the ASCII URI a {@code Location} header
 * carries (RFC 9110 §10.2.2: a URI-reference, RFC 3986; header values are ASCII).
 *
 * <p>
 * What a browser does with the same link (WHATWG URL §4.4, RFC 3987 §3.1): the host is
 * converted to its A-labels (IDNA2008/UTS #46), and in the path, query and fragment each
 * character outside RFC 3986's {@code unreserved / reserved} set, and each {@code %} not
 * starting an escape, is percent-encoded as its UTF-8 bytes. Escapes already there are
 * kept as written, so a link that is already a URI comes out unchanged.
 */
public final class RedirectUris {

	private static final IDNA IDNA2008 = IDNA
		.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI);

	// RFC 3986 §2.2 and §2.3.
	private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + "-._~"
			+ ":/?#[]@" + "!$&'()*+,;=";

	private RedirectUris() {
	}

	/** The ASCII form of an http(s) link (see the class comment). */
	public static String toAscii(String link) {
		String url = link.strip();
		int schemeEnd = url.indexOf("://");
		if (schemeEnd < 0) {
			return encode(url, false);
		}
		int authorityStart = schemeEnd + 3;
		int authorityEnd = authorityStart;
		while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
			authorityEnd++;
		}
		String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
		String authority = url.substring(authorityStart, authorityEnd);
		return scheme + "://" + authority(authority) + encode(url.substring(authorityEnd), true);
	}

	private static String authority(String authority) {
		int at = authority.lastIndexOf('@');
		String userInfo = at >= 0 ? encode(authority.substring(0, at + 1), false) : "";
		String hostPort = authority.substring(at + 1);
		if (hostPort.startsWith("[")) {
			// An IPv6 literal is ASCII already.
			return userInfo + encode(hostPort, false);
		}
		int colon = hostPort.lastIndexOf(':');
		String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
		String port = colon >= 0 ? hostPort.substring(colon) : "";
		if (host.chars().anyMatch(c -> c > 127)) {
			StringBuilder ascii = new StringBuilder();
			IDNA.Info info = new IDNA.Info();
			IDNA2008.nameToASCII(host, ascii, info);
			host = info.hasErrors() ? encode(host, false) : ascii.toString();
		}
		return userInfo + host + encode(port, false);
	}

	/**
	 * Percent-encodes what a URI cannot hold; with {@code oneFragment}, a {@code #} after
	 * the first is data (RFC 3986 §3.5: the fragment holds no "#").
	 */
	private static String encode(String text, boolean oneFragment) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		boolean inFragment = false;
		int i = 0;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			int width = Character.charCount(cp);
			if (cp == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) && hex(text.charAt(i + 2))) {
				out.append(text, i, i + 3);
				i += 3;
				continue;
			}
			if (cp == '#' && oneFragment) {
				if (inFragment) {
					out.append("%23");
				}
				else {
					inFragment = true;
					out.append('#');
				}
			}
			else if (cp < 128 && ALLOWED.indexOf(cp) >= 0) {
				out.append((char) cp);
			}
			else {
				for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
					out.append('%')
						.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
						.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
				}
			}
			i += width;
		}
		return out.toString();
	}

	private static boolean hex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
