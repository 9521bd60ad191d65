package com.penguinmails.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.PersonalData;

/**
 * A contact's campaign enrolments, for GDPR requests (the messages are delivery's part).
 */
@Component
class CampaignPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	CampaignPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "campaigns";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<Map<String, Object>> enrolments = jdbc.sql("""
				SELECT c.name AS campaign, e.state, e.next_step, e.stop_reason, e.created_at
				FROM enrolments e JOIN campaigns c ON c.id = e.campaign_id
				WHERE e.workspace_id = ? AND e.contact_id = ? ORDER BY e.created_at""")
			.params(workspaceId, contactId)
			.query()
			.listOfRows();
		if (enrolments.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("enrolments", enrolments);
		return export;
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		jdbc.sql("DELETE FROM enrolments WHERE workspace_id = ? AND contact_id = ?")
			.params(workspaceId, contactId)
			.update();
	}

}
