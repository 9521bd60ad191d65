package com.penguinmails.contacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * What a bulk job does to each contact of its selection: the values of
 * {@code contact_bulk_jobs.action} (V44), of the API's {@code action} and of the bulk
 * form's {@code action} field.
 */
public enum BulkAction implements StoredValue {

	/** Adds the tag in {@code value} (stored in lower case). */
	TAG_ADD("tag_add", "Add tag", "Tagging", "tagged", "tag_added"),

	/** Removes the tag in {@code value}. */
	TAG_REMOVE("tag_remove", "Remove tag", "Untagging", "untagged", "tag_removed"),

	/** Adds to the list whose id is {@code value}. */
	LIST_ADD("list_add", "Add to list", "Adding to the list", "added to the list", "list_added"),

	/** Removes from the list whose id is {@code value}. */
	LIST_REMOVE("list_remove", "Remove from list", "Removing from the list", "removed from the list", "list_removed"),

	/**
	 * Enrols in the campaign whose id is {@code value} (through {@link BulkEnrolment}).
	 */
	ENROL("enrol", "Enrol in campaign", "Enrolling", "enrolled", "enrolled"),

	/**
	 * Sets the status in {@code value}, suppressing the address as
	 * {@link Contacts#update} does.
	 */
	STATUS("status", "Set status", "Setting the status of", "status set", "status"),

	/** Writes a CSV of every field, tag and list to a file the job page offers. */
	EXPORT("export", "Export CSV", "Exporting", "exported", "exported"),

	/** Deletes the contacts (their memberships, enrolments and history go with them). */
	DELETE("delete", "Delete", "Deleting", "deleted", "deleted");

	private final String value;

	private final String label;

	private final String doing;

	private final String done;

	private final String kind;

	BulkAction(String value, String label, String doing, String done, String kind) {
		this.value = value;
		this.label = label;
		this.doing = doing;
		this.done = done;
		this.kind = kind;
	}

	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The action in words on a menu: "Add tag". */
	public String label() {
		return label;
	}

	/** The action under way, before "12,000 of 48,210 contacts": "Tagging". */
	public String doing() {
		return doing;
	}

	/** The action done, after a count: "2,500 tagged". */
	public String done() {
		return done;
	}

	/**
	 * The audit action's last word ({@code contacts.bulk.tag_added}) and, for the changes
	 * a contact keeps, the {@code contact_changes.kind}.
	 */
	public String kind() {
		return kind;
	}

	/** Whether the action needs a {@code value}. */
	public boolean needsValue() {
		return this != EXPORT && this != DELETE;
	}

	/**
	 * The action stored or sent as {@code value}.
	 * @throws IllegalArgumentException when it is none of them
	 */
	@JsonCreator
	public static BulkAction of(String value) {
		return StoredValue.of(BulkAction.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
