package com.penguinmails.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a CRM connection is told about its linked contacts, stored per connection. Nothing
 * is pushed until the user ticks a kind.
 *
 * @param kinds the kinds pushed, from {@link #KINDS}: {@code reply} (a note),
 * {@code label} (the lead status property), {@code bounce} (a hard bounce: a note),
 * {@code unsubscribe} (a note, and the unsubscribe property when one is chosen),
 * {@code complaint} (a note, and the unsubscribe property)
 * @param leadStatusProperty the contact property a label sets (internal name), default
 * {@code hs_lead_status}
 * @param labelValues inbox label ({@code interested}, {@code meeting_booked},
 * {@code not_interested}, {@code wrong_person}, {@code out_of_office}) → the property's
 * value; a label without a value is not pushed; a cleared label clears the property
 * @param unsubscribeProperty the contact property an unsubscribe or a complaint sets, or
 * blank for none
 * @param unsubscribeValue its value, default {@code true}
 */
public record PushSettings(List<String> kinds, String leadStatusProperty, Map<String, String> labelValues,
		String unsubscribeProperty, String unsubscribeValue) {

	/** Every kind, in the order the page shows them. */
	public static final List<String> KINDS = List.of("reply", "label", "bounce", "unsubscribe", "complaint");

	/**
	 * HubSpot's default {@code hs_lead_status} options for the inbox labels that say
	 * something about the lead.
	 */
	public static final Map<String, String> DEFAULT_LABEL_VALUES = defaults();

	public PushSettings {
		kinds = kinds == null ? List.of() : List.copyOf(kinds);
		leadStatusProperty = leadStatusProperty == null || leadStatusProperty.isBlank() ? "hs_lead_status"
				: leadStatusProperty.strip();
		labelValues = labelValues == null ? DEFAULT_LABEL_VALUES
				: java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelValues));
		unsubscribeProperty = unsubscribeProperty == null ? "" : unsubscribeProperty.strip();
		unsubscribeValue = unsubscribeValue == null || unsubscribeValue.isBlank() ? "true" : unsubscribeValue.strip();
	}

	/** Nothing pushed, the default values. */
	public static PushSettings off() {
		return new PushSettings(List.of(), null, null, null, null);
	}

	/** Whether this kind is pushed. */
	public boolean pushes(String kind) {
		return kinds.contains(kind);
	}

	private static Map<String, String> defaults() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("interested", "IN_PROGRESS");
		values.put("meeting_booked", "OPEN_DEAL");
		values.put("not_interested", "UNQUALIFIED");
		return java.util.Collections.unmodifiableMap(values);
	}

}
