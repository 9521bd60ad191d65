package com.penguinmails.backups.internal;

/** SQL text helpers for names read from the catalogue. */
final class Sql {

	private Sql() {
	}

	/** A quoted identifier (SQL standard: double quotes, a quote doubled). */
	static String ident(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
