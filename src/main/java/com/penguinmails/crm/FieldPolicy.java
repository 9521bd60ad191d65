package com.penguinmails.crm;

import java.util.Arrays;
import java.util.Locale;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * Which side wins when a mapped field changed both in the CRM and in PenguinMails since
 * the last sync (the baseline kept on the CRM link). A field changed on one side only
 * takes that side's value whatever the policy; the policy also says whether a value
 * changed in PenguinMails is sent to the CRM ({@link #CRM} never sends).
 */
public enum FieldPolicy {

	/** The CRM's value wins; PenguinMails' edits stay here only (the default). */
	CRM("crm", "CRM wins"),

	/** PenguinMails' value wins and is sent to the CRM. */
	PENGUINMAILS("penguinmails", "PenguinMails wins"),

	/**
	 * The newer edit wins: the field's local edit time against the record's modification
	 * time (HubSpot {@code lastmodifieddate}, Salesforce {@code LastModifiedDate}); ours
	 * is sent to the CRM.
	 */
	NEWEST("newest", "Newest wins");

	private final String value;

	private final String label;

	FieldPolicy(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API value: {@code crm}, {@code penguinmails} or {@code newest}. */
	public String value() {
		return value;
	}

	/** The policy in words. */
	public String label() {
		return label;
	}

	/** Whether values edited in PenguinMails are sent to the CRM. */
	public boolean pushes() {
		return this != CRM;
	}

	/**
	 * The policy of a stored or given value; null or blank: {@link #CRM}.
	 * @throws InvalidInputProblem {@code crm-field-policy} for another value
	 */
	public static FieldPolicy of(String value) {
		if (value == null || value.isBlank()) {
			return CRM;
		}
		String given = value.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(p -> p.value.equals(given))
			.findFirst()
			.orElseThrow(() -> new InvalidInputProblem("crm-field-policy",
					"A field's policy is crm, penguinmails or newest (not " + value + ")."));
	}

}
