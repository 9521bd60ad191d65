package com.penguinmails.reputation;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * One entry of the DMARC file log: a report file received (uploaded, or an attachment of
 * a message in the reports mailbox) and what became of it.
 *
 * @param name the file's name (a zip's entry name for each of its reports)
 * @param reason why it could not be read, for a malformed file; else {@code null}
 * @param orgName the reporter ({@code report_metadata/org_name}), when read
 * @param reportId the reporter's report id, when read
 * @param size the file's size in bytes
 */
public record DmarcFileEntry(UUID id, String name, Origin origin, Status status, String reason, String orgName,
		String reportId, long size, Instant receivedAt) {

	/** Where the file came from. */
	public enum Origin implements StoredValue {

		/** Uploaded on the page or by the API. */
		UPLOAD("upload"),
		/** Read from a message in a reports mailbox or folder. */
		MAILBOX("mailbox");

		private final String value;

		Origin(String value) {
			this.value = value;
		}

		@JsonValue
		@Override
		public String value() {
			return value;
		}

	}

	/** What became of the file. */
	public enum Status implements StoredValue {

		/** Read and stored: its rows count. */
		STORED("stored"),
		/** The same report (org and report id) was stored before: it counts once. */
		DUPLICATE("duplicate"),
		/** Not a readable aggregate report: kept (its first 64 KiB) with the reason. */
		MALFORMED("malformed");

		private final String value;

		Status(String value) {
			this.value = value;
		}

		@JsonValue
		@Override
		public String value() {
			return value;
		}

		/** In words for the page. */
		public String label() {
			return switch (this) {
				case STORED -> "Stored";
				case DUPLICATE -> "Duplicate";
				case MALFORMED -> "Malformed";
			};
		}

	}

}
