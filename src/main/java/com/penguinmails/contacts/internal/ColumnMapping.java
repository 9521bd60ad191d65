package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which contact field each CSV column fills: the one the user mapped its header to, else
 * the guess from the header's name ({@link ContactFields#guess}).
 */
public final class ColumnMapping {

	private ColumnMapping() {
	}

	/**
	 * The field of each header, in column order: {@code email}, {@code first_name}, ...,
	 * {@code tags}, {@code custom.<name>} or {@code ignore}.
	 * @param mapping header → field, as the user confirmed it (a byte order mark in a
	 * header is ignored)
	 */
	public static List<String> fields(List<String> headers, Map<String, String> mapping) {
		List<String> fields = new ArrayList<>();
		for (String raw : headers) {
			String header = raw.replace("\uFEFF", "");
			fields.add(mapping.getOrDefault(header, ContactFields.guess(header)));
		}
		return fields;
	}

	/** The usable custom field keys among {@code fields} ({@code custom.<name>}). */
	public static List<String> customKeys(List<String> fields) {
		List<String> keys = new ArrayList<>();
		for (String field : fields) {
			String key = field.startsWith("custom.") ? ContactFields.customKey(field.substring(7)) : null;
			if (key != null) {
				keys.add(key);
			}
		}
		return keys;
	}

}
