package com.penguinmails.contacts.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact page's edit form: the standard fields, the status, the tags (comma
 * separated) and, read apart, each custom field as {@code custom:<key>}. A field the form
 * does not send is null and stays as it is.
 */
record ContactForm(String email, String firstName, String lastName, String company, String title, String phone,
		String website, String linkedinUrl, String timeZone, String country, String status, String tags) {

	/** The prefix of a custom field's parameter. */
	static final String CUSTOM = "custom:";

	/**
	 * The form as a merge patch of the contact
	 * ({@link com.penguinmails.contacts.Contacts#update}): the fields sent, then the
	 * custom fields (a blank one removes the value), then the tags.
	 * @param params every parameter of the request, for the {@code custom:} ones
	 */
	Map<String, Object> patch(Map<String, String> params) {
		Map<String, Object> patch = new LinkedHashMap<>();
		put(patch, "email", email);
		put(patch, "firstName", firstName);
		put(patch, "lastName", lastName);
		put(patch, "company", company);
		put(patch, "title", title);
		put(patch, "phone", phone);
		put(patch, "website", website);
		put(patch, "linkedinUrl", linkedinUrl);
		put(patch, "timeZone", timeZone);
		put(patch, "country", country);
		put(patch, "status", status);
		Map<String, Object> custom = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(CUSTOM)) {
				custom.put(key.substring(CUSTOM.length()), value.isBlank() ? null : value);
			}
		});
		if (!custom.isEmpty()) {
			patch.put("custom", custom);
		}
		if (tags != null) {
			patch.put("tags", List.of(tags.split(",")));
		}
		return patch;
	}

	private static void put(Map<String, Object> patch, String field, String value) {
		if (value != null) {
			patch.put(field, value);
		}
	}

}
