package com.penguinmails.templates;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * How a template version is written: the page opens the same editor again. Stored and
 * shown in the API as the lowercase {@link #value()}.
 */
public enum TemplateEditor implements StoredValue {

	/** Plain text only; the HTML part is the text in paragraphs. */
	TEXT("text", "Plain text"),
	/** HTML written as code (CodeMirror on the page). */
	CODE("code", "HTML code"),
	/**
	 * The visual editor (GrapesJS with MJML): {@code source} keeps the MJML, the HTML is
	 * what MJML compiled from it.
	 */
	VISUAL("visual", "Visual");

	private final String value;

	private final String label;

	TemplateEditor(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form, e.g. {@code visual}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The words a person reads, e.g. "Visual". */
	public String label() {
		return label;
	}

	/**
	 * The editor stored as {@code value}.
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static TemplateEditor of(String value) {
		return StoredValue.of(TemplateEditor.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
