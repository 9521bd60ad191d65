package com.penguinmails.inbound.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PersonalData;
import com.penguinmails.shared.Tenant;

/**
 * The mail a contact sent us (replies, auto-replies, unsubscribe requests) and our
 * answers, for GDPR requests: matched to the contact, or from or to its address. Erasure
 * deletes them; bounces and complaints about the address stay only as the suppression's
 * hash.
 */
@Component
class InboundPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final Contacts contacts;

	InboundPersonalData(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@Override
	public String section() {
		return "inbox";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<Map<String, Object>> messages = jdbc.sql("""
				SELECT direction, from_address, from_name, to_addresses, subject, text_body, received_at, kind
				FROM inbound_messages WHERE workspace_id = ? AND (contact_id = ? OR lower(from_address) = lower(?)
				    OR (direction = 'out' AND lower(to_addresses) = lower(?)))
				ORDER BY received_at""")
			.params(workspaceId, contactId, email(workspaceId, contactId), email(workspaceId, contactId))
			.query()
			.listOfRows();
		return messages.isEmpty() ? Map.of() : Map.of("messages", messages);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		String email = email(workspaceId, contactId);
		// The messages' dedupe keys (V89) go with them: a Message-ID is the person's too.
		jdbc.sql(
				"""
						WITH erased AS (
						    DELETE FROM inbound_messages WHERE workspace_id = ? AND (contact_id = ? OR lower(from_address) = lower(?)
						        OR lower(bounced_address) = lower(?) OR (direction = 'out' AND lower(to_addresses) = lower(?)))
						    RETURNING id)
						DELETE FROM inbound_message_keys WHERE id IN (SELECT id FROM erased)""")
			.params(workspaceId, contactId, email, email, email)
			.update();
	}

	private String email(UUID workspaceId, UUID contactId) {
		try {
			return contacts.get(Tenant.system(workspaceId), contactId).email();
		}
		catch (NotFoundProblem ex) {
			return "";
		}
	}

}
