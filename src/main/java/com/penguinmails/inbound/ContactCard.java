package com.penguinmails.inbound;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who a conversation is with, as the inbox's contact card shows it: the contact's name,
 * company, job title, status ({@code status} the stored value such as {@code active},
 * {@code statusLabel} the words people read), custom fields (key to value) and the
 * campaigns the contact is in with their state.
 */
public record ContactCard(UUID id, String email, String name, String company, String title, String status,
		String statusLabel, Map<String, Object> custom, List<CampaignNames.Enrolled> campaigns) {
}
