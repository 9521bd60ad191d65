package com.penguinmails.inbound.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups of header-like fields separated by blank lines, as in message/delivery-status
 * (RFC 3464 §2.1: one per-message group, then one group per recipient) and
 * message/feedback-report (RFC 5965 §3.1: one group). Field syntax is that of RFC 5322
 * §2.2: {@code Name: value}, folded onto lines that start with white space.
 *
 * @param groups each group's fields by lower-case name (the first of a repeated field)
 * @param strayLines lines that were neither a field nor a folded continuation
 */
record FieldBlocks(List<Map<String, String>> groups, int strayLines) {

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	static FieldBlocks parse(String text) {
		List<Map<String, String>> groups = new ArrayList<>();
		Map<String, String> group = new LinkedHashMap<>();
		String last = null;
		int stray = 0;
		for (String line : text.split("\r\n|\r|\n")) {
			if (line.isBlank()) {
				if (!group.isEmpty()) {
					groups.add(group);
					group = new LinkedHashMap<>();
				}
				last = null;
				continue;
			}
			if (Character.isWhitespace(line.charAt(0))) {
				if (last != null) {
					group.put(last, group.get(last) + " " + line.strip());
				}
				else {
					stray++;
				}
				continue;
			}
			int colon = line.indexOf(':');
			String name = (colon > 0) ? line.substring(0, colon).strip() : "";
			if (!FIELD_NAME.matcher(name).matches()) {
				stray++;
				last = null;
				continue;
			}
			name = name.toLowerCase(Locale.ROOT);
			if (group.containsKey(name)) {
				last = null;
			}
			else {
				group.put(name, line.substring(colon + 1).strip());
				last = name;
			}
		}
		if (!group.isEmpty()) {
			groups.add(group);
		}
		return new FieldBlocks(List.copyOf(groups), stray);
	}

	/** The first group's fields, or none. */
	Map<String, String> first() {
		return this.groups.isEmpty() ? Map.of() : this.groups.get(0);
	}

	/**
	 * The value after an RFC 3464 §2.1.2 type prefix ({@code rfc822; bob@example.com},
	 * {@code smtp; 550 5.1.1 ...}), or the whole value when it has none.
	 */
	static String typed(String value) {
		if (value == null) {
			return null;
		}
		int semicolon = value.indexOf(';');
		String prefix = (semicolon > 0) ? value.substring(0, semicolon).strip() : "";
		String rest = FIELD_NAME.matcher(prefix).matches() ? value.substring(semicolon + 1) : value;
		return rest.strip();
	}

	/** An address without angle brackets or surrounding white space, or {@code null}. */
	static String address(String value) {
		if (value == null) {
			return null;
		}
		String address = value.strip();
		if (address.startsWith("<") && address.endsWith(">")) {
			address = address.substring(1, address.length() - 1).strip();
		}
		return address.isEmpty() ? null : address;
	}

}
