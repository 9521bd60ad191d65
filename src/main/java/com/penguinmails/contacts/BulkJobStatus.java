package com.penguinmails.contacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** Where a bulk job is: the values of {@code contact_bulk_jobs.status} (V44). */
public enum BulkJobStatus implements StoredValue {

	/** Waiting for a worker. */
	QUEUED("queued", "Queued"),

	/** A worker walks its selection. */
	RUNNING("running", "Running"),

	/** Every batch was applied. */
	DONE("done", "Done"),

	/** Stopped by an error ({@code error} says which). */
	FAILED("failed", "Failed"),

	/** Stopped by a person; the batches applied before stay. */
	CANCELLED("cancelled", "Cancelled");

	private final String value;

	private final String label;

	BulkJobStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The status in words a person reads. */
	public String label() {
		return label;
	}

	/** Whether the job may still change (queued or running). */
	public boolean open() {
		return this == QUEUED || this == RUNNING;
	}

	@JsonCreator
	public static BulkJobStatus of(String value) {
		return StoredValue.of(BulkJobStatus.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
