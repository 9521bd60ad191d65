package com.penguinmails.analytics;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** The file formats a view is exported and reported in. */
public enum ReportFormat implements StoredValue {

	CSV("csv", "text/csv;charset=UTF-8", "CSV"),
	XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
	PDF("pdf", "application/pdf", "PDF");

	private final String value;

	private final String mediaType;

	private final String label;

	ReportFormat(String value, String mediaType, String label) {
		this.value = value;
		this.mediaType = mediaType;
		this.label = label;
	}

	/** The file extension, also the value in URLs and the API. */
	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The Content-Type of such a file. */
	public String mediaType() {
		return mediaType;
	}

	/** The format in words. */
	public String label() {
		return label;
	}

	/** The format whose {@link #value()} this is, case-insensitive. */
	public static java.util.Optional<ReportFormat> of(String value) {
		for (ReportFormat format : values()) {
			if (format.value.equalsIgnoreCase(value)) {
				return java.util.Optional.of(format);
			}
		}
		return java.util.Optional.empty();
	}

}
