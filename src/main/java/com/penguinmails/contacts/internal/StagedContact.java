package com.penguinmails.contacts.internal;

import java.util.List;

/**
 * A checked CSV row as it goes into the staging table: the columns of
 * {@link ContactStage#COLUMNS}, in order, text fields "" when absent.
 *
 * @param customJson the custom fields as a JSON object
 * @param tags the tags as a PostgreSQL array literal
 * @param mxFound whether the domain takes mail, null when not checked or unknown
 */
record StagedContact(String email, String firstName, String lastName, String company, String title, String phone,
		String website, String linkedinUrl, String timeZone, String country, String customJson, String tags,
		boolean roleAddress, boolean disposable, Boolean mxFound) {

	/**
	 * Appends the row, after its line number in the file, as one record of PostgreSQL's
	 * {@code COPY ... (FORMAT csv)}: every value quoted (a quote doubled), a null (an
	 * unchecked {@code mxFound}) left empty and unquoted, which CSV COPY reads as NULL;
	 * records end with a line feed. The same text Commons CSV's {@code POSTGRESQL_CSV}
	 * prints, without its per-character appends.
	 */
	void print(StringBuilder out, long line) {
		out.append('"').append(line).append('"');
		for (String value : new String[] { email, firstName, lastName, company, title, phone, website, linkedinUrl,
				timeZone, country, customJson, tags }) {
			quoted(out.append(','), value);
		}
		out.append(",\"").append(roleAddress).append("\",\"").append(disposable).append('"');
		out.append(',');
		if (mxFound != null) {
			out.append('"').append(mxFound.booleanValue()).append('"');
		}
		out.append('\n');
	}

	private static void quoted(StringBuilder out, String value) {
		if (value == null) {
			return;
		}
		out.append('"');
		if (value.indexOf('"') < 0) {
			out.append(value);
		}
		else {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				out.append(c);
				if (c == '"') {
					out.append('"');
				}
			}
		}
		out.append('"');
	}

	/** A PostgreSQL array literal of text values, each quoted. */
	static String pgArray(List<String> values) {
		StringBuilder array = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				array.append(',');
			}
			array.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return array.append('}').toString();
	}

}
