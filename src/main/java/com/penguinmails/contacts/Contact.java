package com.penguinmails.contacts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A contact (lead). {@code custom} holds the custom fields, typed (numbers, booleans, ISO
 * dates, text).
 *
 * @param score the lead score: the sum of the points of the scoring rules it matches
 * @param mxFound whether the domain has a mail server (MX or A), {@code null} when not
 * checked
 */
public record Contact(UUID id, String email, String firstName, String lastName, String company, String title,
		String phone, String website, String linkedinUrl, String timeZone, String country, Map<String, Object> custom,
		List<String> tags, ContactStatus status, boolean roleAddress, boolean disposable, int score, Boolean mxFound,
		Instant createdAt) {

	/**
	 * The contact as template variables: {@code email}, {@code first_name}, ... at the
	 * top level, custom fields both at the top level (unless they clash with a standard
	 * field) and under {@code custom}, and {@code id} (the spintax seed).
	 */
	public Map<String, Object> mergeFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (custom != null) {
			fields.putAll(custom);
		}
		fields.put("id", id == null ? "" : id.toString());
		fields.put("email", email);
		fields.put("first_name", firstName);
		fields.put("last_name", lastName);
		fields.put("company", company);
		fields.put("title", title);
		fields.put("phone", phone);
		fields.put("website", website);
		fields.put("linkedin_url", linkedinUrl);
		fields.put("time_zone", timeZone);
		fields.put("country", country);
		fields.put("tags", tags == null ? List.of() : tags);
		fields.put("custom", custom == null ? Map.of() : custom);
		return fields;
	}

}
