package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

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

	/** Prints the row, after its line number in the file, as one CSV record for COPY. */
	void print(CSVPrinter printer, long line) throws IOException {
		printer.printRecord(line, email, firstName, lastName, company, title, phone, website, linkedinUrl, timeZone,
				country, customJson, tags, roleAddress, disposable, mxFound);
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
