package com.penguinmails.crm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Salesforce connection is told about its linked Leads and Contacts, stored per
 * connection. Nothing is pushed until the user ticks a kind.
 *
 * @param kinds the kinds pushed, from {@link PushSettings#KINDS}: {@code reply},
 * {@code bounce}, {@code unsubscribe} and {@code complaint} each a completed Task on the
 * record; {@code label} a field on the record
 * @param leadField the Lead field an inbox label sets (API name), default {@code Status}
 * @param labelValues inbox label → the field's value (for a Lead, one of its Lead Status
 * picklist values); a label without a value is not pushed
 * @param contactField the Contact field an inbox label sets (API name), or blank (the
 * default) for none
 * @param optOut whether an unsubscribe or a complaint also sets
 * {@code HasOptedOutOfEmail = true} (standard on Lead and Contact), default true
 */
public record SalesforcePushSettings(List<String> kinds, String leadField, Map<String, String> labelValues,
		String contactField, Boolean optOut) {

	/**
	 * The standard Lead Status values of a new org for the inbox labels that say
	 * something about the lead.
	 */
	public static final Map<String, String> DEFAULT_LABEL_VALUES = defaults();

	public SalesforcePushSettings {
		kinds = kinds == null ? List.of() : List.copyOf(kinds);
		leadField = leadField == null || leadField.isBlank() ? "Status" : leadField.strip();
		labelValues = labelValues == null ? DEFAULT_LABEL_VALUES
				: Collections.unmodifiableMap(new LinkedHashMap<>(labelValues));
		contactField = contactField == null ? "" : contactField.strip();
		optOut = optOut == null || optOut;
	}

	/** Nothing pushed, the default values. */
	public static SalesforcePushSettings off() {
		return new SalesforcePushSettings(List.of(), null, null, null, null);
	}

	/** Whether this kind is pushed. */
	public boolean pushes(String kind) {
		return kinds.contains(kind);
	}

	/**
	 * The field a label sets on {@code recordId} ({@code 00Q…} a Lead, else a Contact),
	 * or blank for none.
	 */
	public String labelField(String recordId) {
		return recordId.startsWith("00Q") ? leadField : contactField;
	}

	private static Map<String, String> defaults() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("interested", "Working - Contacted");
		values.put("meeting_booked", "Qualified");
		values.put("not_interested", "Closed - Not Converted");
		return Collections.unmodifiableMap(values);
	}

}
