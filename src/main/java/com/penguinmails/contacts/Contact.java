package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact (lead). {@code custom} holds the custom fields. */
public record Contact(UUID id, String email, String firstName, String lastName, String company, String title,
		String phone, String website, String linkedinUrl, String timeZone, String country, Map<String, Object> custom,
		List<String> tags, String status, boolean roleAddress, boolean disposable, Instant createdAt) {
}
