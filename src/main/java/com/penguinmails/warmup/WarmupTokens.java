package com.penguinmails.warmup;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token that marks a warmup message: {@code wu-} and 12 characters of the RFC 4648
 * base32 alphabet in lower case (60 random bits), e.g. {@code wu-k7qm2x4pzt5a}. It goes
 * in the body's last line (so it survives receivers that strip custom headers, and is
 * quoted by replies typed in the thread) and in the {@code X-PenguinMails-Warmup} header.
 * A token counts only when {@code warmup_messages} holds it: text that merely looks like
 * one is not warmup mail.
 */
public final class WarmupTokens {

	/** The header that carries the token too (receivers such as Outlook may strip it). */
	public static final String HEADER = "X-PenguinMails-Warmup";

	private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9])wu-([a-z2-7]{12})(?![A-Za-z0-9])",
			Pattern.CASE_INSENSITIVE);

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private WarmupTokens() {
	}

	/** A new random token. */
	public static String mint() {
		// One draw of 64 random bits for the 12 characters (5 bits each): SecureRandom is
		// synchronized, and the pool mints about a hundred thousand tokens a day.
		long bits = RANDOM.nextLong();
		char[] token = new char[12];
		for (int i = 0; i < token.length; i++) {
			token[i] = ALPHABET[(int) (bits >>> (5 * i)) & 31];
		}
		return "wu-" + new String(token);
	}

	/**
	 * The tokens that occur in the text (a body, quoted text, a header value), lower
	 * case, in order of first occurrence; empty for null.
	 */
	public static Set<String> find(String text) {
		Set<String> tokens = new LinkedHashSet<>();
		if (text == null) {
			return tokens;
		}
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			tokens.add("wu-" + matcher.group(1).toLowerCase(Locale.ROOT));
		}
		return tokens;
	}

}
