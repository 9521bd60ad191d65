package com.penguinmails.reputation.internal.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DMARC TXT records (RFC 7489 §6.3/§6.4: {@code v=DMARC1} first, then {@code tag=value}
 * pairs separated by {@code ;}) as text: the one found among a name's TXT strings, its
 * report addresses ({@code rua=mailto:}, RFC 7489 §6.2), and the same record at another
 * policy.
 */
public final class DmarcRecordText {

	private DmarcRecordText() {
	}

	/** The first of the TXT strings that is a DMARC record, or {@code null}. */
	public static String find(List<String> txt) {
		if (txt == null) {
			return null;
		}
		for (String value : txt) {
			String text = unquote(value);
			if (text.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("v=dmarc1")) {
				return text;
			}
		}
		return null;
	}

	/**
	 * The record with {@code p=} set to {@code policy}, every other tag kept in its order
	 * (a {@code p=} added after {@code v=DMARC1} when absent).
	 */
	public static String withPolicy(String record, String policy) {
		List<String> tags = new ArrayList<>();
		boolean set = false;
		for (String part : unquote(record).split(";")) {
			String tag = part.strip();
			if (tag.isEmpty()) {
				continue;
			}
			if (name(tag).equals("p")) {
				tags.add("p=" + policy);
				set = true;
			}
			else {
				tags.add(tag);
			}
		}
		if (!set) {
			tags.add(Math.min(1, tags.size()), "p=" + policy);
		}
		return String.join("; ", tags);
	}

	/**
	 * The addresses of the record's {@code rua=} tag: each {@code mailto:} URI's address,
	 * lower case, without a size limit ({@code !10m}) or URI escapes kept; none without
	 * the tag.
	 */
	public static List<String> ruaAddresses(String record) {
		List<String> addresses = new ArrayList<>();
		if (record == null) {
			return addresses;
		}
		for (String part : unquote(record).split(";")) {
			String tag = part.strip();
			if (!name(tag).equals("rua")) {
				continue;
			}
			for (String uri : tag.substring(tag.indexOf('=') + 1).split(",")) {
				String value = uri.strip();
				if (value.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
					String address = value.substring("mailto:".length());
					int limit = address.indexOf('!');
					address = (limit >= 0 ? address.substring(0, limit) : address).strip();
					if (!address.isEmpty()) {
						addresses.add(address.toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return addresses;
	}

	private static String name(String tag) {
		int equals = tag.indexOf('=');
		return (equals < 0 ? tag : tag.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
	}

	private static String unquote(String value) {
		String text = value == null ? "" : value.strip();
		return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
				? text.substring(1, text.length() - 1).replace("\" \"", "") : text;
	}

}
