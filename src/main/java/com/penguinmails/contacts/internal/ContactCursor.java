package com.penguinmails.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * A keyset position in the contacts table: the sort it belongs to and the (sort value,
 * id) of the row it is next to. Its text form is opaque to clients: base64url (RFC 4648
 * §5, no padding) of {@code v1}, the sort key, {@code a|d}, {@code f|b} and the id, then
 * the value ({@code =text}, or {@code -} for none), one per line.
 *
 * @param sort the sort key ({@code company}, {@code custom.seats}, ...)
 * @param descending the sort's direction
 * @param backwards true for the page before the row, false for the page after it
 * @param value the row's sort value as PostgreSQL writes it as text, or null
 * @param id the row's id
 */
public record ContactCursor(String sort, boolean descending, boolean backwards, String value, UUID id) {

	/** The opaque text form. */
	public String encode() {
		String text = String.join("\n", "v1", sort, descending ? "d" : "a", backwards ? "b" : "f", id.toString(),
				value == null ? "-" : "=" + value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a text form names.
	 * @throws InvalidInputProblem {@code invalid-cursor} when it is not one
	 */
	public static ContactCursor decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
			String[] parts = text.split("\n", 6);
			if (parts.length == 6 && parts[0].equals("v1") && (parts[5].equals("-") || parts[5].startsWith("="))) {
				return new ContactCursor(parts[1], parts[2].equals("d"), parts[3].equals("b"),
						parts[5].equals("-") ? null : parts[5].substring(1), UUID.fromString(parts[4]));
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the problem
		}
		throw invalid();
	}

	static InvalidInputProblem invalid() {
		return new InvalidInputProblem("invalid-cursor", "The cursor is not valid.");
	}

}
