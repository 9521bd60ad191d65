package com.penguinmails.audit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@IntegrationTest
class AuditLogTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Test
	void securityActionsAreRecordedWithActorIpAndTime() throws Exception {
		Account owner = fixtures.verifiedAccount("audited");
		Account member = fixtures.verifiedAccount("audited-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		fixtures.browser().post("/login", "email", owner.email(), "password", "wrong password!");
		WebSession session = fixtures.signedIn(owner);
		session.post("/settings/api-keys", "name", "audit me", "scopes", "audit:read");
		session.post("/settings/members/invite", "email", Fixtures.uniqueEmail("guest"), "role", "VIEWER");
		session.post("/settings/members/" + member.userId() + "/role", "role", "VIEWER");
		session.post("/settings/members/" + member.userId() + "/remove");
		String key = fixtures.apiKey(owner, "audit:read");

		List<String> expected = List.of("login.failed", "login.succeeded", "api_key.created", "invitation.sent",
				"member.role_changed", "member.removed");
		await().untilAsserted(() -> assertThat(actions(key)).containsAll(expected));

		JsonNode page = json
			.readTree(mvc.perform(get("/api/v1/audit-events?limit=200").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
		JsonNode removal = null;
		for (JsonNode event : page.get("data")) {
			if (event.get("action").asText().equals("member.removed")) {
				removal = event;
			}
		}
		assertThat(removal.get("actor").asText()).isEqualTo(owner.email());
		assertThat(removal.get("target").asText()).isEqualTo(member.email());
		assertThat(removal.get("ip").asText()).isEqualTo(session.ip());
		assertThat(removal.get("occurredAt").asText()).isNotBlank();

		assertThat(session.get("/settings/audit").getResponse().getContentAsString()).contains("member.removed");
	}

	@Test
	void cursorPaginationWalksTheWholeLog() throws Exception {
		Account owner = fixtures.verifiedAccount("paged");
		for (int i = 0; i < 3; i++) {
			fixtures.apiKey(owner, "members:read");
		}
		String key = fixtures.apiKey(owner, "audit:read");
		await().until(() -> actions(key).size() >= 4);
		JsonNode first = json
			.readTree(mvc.perform(get("/api/v1/audit-events?limit=2").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
		assertThat(first.get("data")).hasSize(2);
		String cursor = first.get("nextCursor").asText();
		JsonNode second = json.readTree(mvc
			.perform(get("/api/v1/audit-events?limit=2&cursor=" + cursor).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(second.get("data").get(0).get("id").asLong())
			.isLessThan(first.get("data").get(1).get("id").asLong());
		assertThat(mvc.perform(get("/api/v1/audit-events?cursor=abc").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);
	}

	@Test
	void membersCannotReadTheAuditLog() throws Exception {
		Account owner = fixtures.verifiedAccount("secretive");
		Account member = fixtures.verifiedAccount("curious");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		WebSession session = fixtures.signedIn(member);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		assertThat(session.get("/settings/audit").getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void theTableIsAppendOnly() {
		Account owner = fixtures.verifiedAccount("immutable");
		fixtures.apiKey(owner, "members:read");
		await().until(() -> fixtures.jdbc()
			.sql("SELECT count(*) FROM audit_events WHERE workspace_id = ?")
			.param(owner.workspaceId())
			.query(Long.class)
			.single() > 0);
		assertThatThrownBy(() -> fixtures.jdbc()
			.sql("UPDATE audit_events SET actor = 'someone else' WHERE workspace_id = ?")
			.param(owner.workspaceId())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> fixtures.jdbc()
			.sql("DELETE FROM audit_events WHERE workspace_id = ?")
			.param(owner.workspaceId())
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
	}

	@Test
	void theAuditPageSaysEveryActionInWords() throws Exception {
		Account owner = fixtures.verifiedAccount("audit-words");
		WebSession session = fixtures.signedIn(owner);
		session.post("/mailboxes/sending-routes/providers", "name", "Postmark audited", "kind", "postmark",
				"serverToken", "audit-secret-token", "messageStream", "outbound", "enabledShown", "true", "enabled",
				"true");
		session.post("/mailboxes/sending-routes", "match", "recipient_domain", "domain", "example.org", "thenSmtp",
				"true");
		fixtures.jdbc()
			.sql("""
					INSERT INTO audit_events (workspace_id, actor_user_id, actor, action, target, occurred_at)
					VALUES (?, ?, 'someone', 'crm.hubspot.connected', 'HubSpot', now()),
					       (?, ?, 'someone', 'crm.pipedrive.token_refreshed', 'Pipedrive', now())""")
			.params(owner.workspaceId(), owner.userId(), owner.workspaceId(), owner.userId())
			.update();
		String key = fixtures.apiKey(owner, "audit:read");
		await().untilAsserted(() -> assertThat(actions(key)).contains("sending_provider.added", "sending_route.added"));

		String page = session.get("/settings/audit").getResponse().getContentAsString();

		assertThat(page).contains(">HubSpot connected<")
			.contains(">Sending provider added<")
			.contains(">Sending route added<")
			.contains(">CRM pipedrive token refreshed<")
			.contains("Postmark audited (Postmark (stream outbound))")
			.doesNotContain("Crm: hubspot")
			.doesNotContain("audit-secret-token");
	}

	private List<String> actions(String key) throws Exception {
		JsonNode page = json
			.readTree(mvc.perform(get("/api/v1/audit-events?limit=200").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
		return page.get("data").findValuesAsText("action");
	}

}
