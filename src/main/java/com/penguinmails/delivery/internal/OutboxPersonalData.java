package com.penguinmails.delivery.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.PersonalData;

/**
 * The messages queued or sent to a contact, for GDPR requests. Erasure cancels what is
 * not sent yet and blanks the person's data in every row (the row stays for the sending
 * counts).
 */
@Component
class OutboxPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	OutboxPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "messages";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<Map<String, Object>> messages = jdbc.sql("""
				SELECT to_address, subject, text, status, not_before, sent_at FROM outbox
				WHERE workspace_id = ? AND contact_id = ? ORDER BY not_before""")
			.params(workspaceId, contactId)
			.query()
			.listOfRows();
		return messages.isEmpty() ? Map.of() : Map.of("messages", messages);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		jdbc.sql("""
				UPDATE outbox SET status = CASE WHEN status IN ('sent', 'failed') THEN status ELSE 'cancelled' END,
				    to_address = 'erased@invalid', to_domain = 'invalid', to_name = '', subject = '', html = '',
				    text = '', contact_id = NULL
				WHERE workspace_id = ? AND contact_id = ?""").params(workspaceId, contactId).update();
	}

}
