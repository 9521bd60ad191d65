package com.penguinmails.identity;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.identity.internal.WorkspaceService;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

/**
 * A user or key of workspace A gets 404 for every resource id of workspace B, and B stays
 * intact.
 */
@IntegrationTest
class TenantIsolationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiKeyService keys;

	@Autowired
	WorkspaceService workspaces;

	Account a;

	Account b;

	Account bMember;

	UUID bKeyId;

	UUID bInvitationId;

	long bAuditId;

	String aKey;

	@BeforeEach
	void twoWorkspaces() {
		a = fixtures.verifiedAccount("tenant-a");
		b = fixtures.verifiedAccount("tenant-b");
		bMember = fixtures.verifiedAccount("tenant-b-member");
		fixtures.join(b, bMember, WorkspaceRole.MEMBER);
		bKeyId = keys.create(b.owner(), "b's key", java.util.List.of("members:read"), "127.0.0.1").key().id();
		bInvitationId = workspaces.invite(b.owner(), Fixtures.uniqueEmail("invitee"), WorkspaceRole.VIEWER,
				"127.0.0.1");
		await().until(() -> fixtures.jdbc()
			.sql("SELECT count(*) FROM audit_events WHERE workspace_id = ?")
			.param(b.workspaceId())
			.query(Long.class)
			.single() > 0);
		bAuditId = fixtures.jdbc()
			.sql("SELECT max(id) FROM audit_events WHERE workspace_id = ?")
			.param(b.workspaceId())
			.query(Long.class)
			.single();
		aKey = fixtures.apiKey(a, "workspace:write", "members:write", "api_keys:write", "audit:read");
	}

	@Test
	void apiKeyOfAGets404ForEveryResourceOfB() throws Exception {
		assertNotFound(get("/api/v1/members/" + bMember.userId()));
		assertNotFound(patch("/api/v1/members/" + bMember.userId()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VIEWER\"}"));
		assertNotFound(delete("/api/v1/members/" + bMember.userId()));
		assertNotFound(get("/api/v1/invitations/" + bInvitationId));
		assertNotFound(delete("/api/v1/invitations/" + bInvitationId));
		assertNotFound(get("/api/v1/api-keys/" + bKeyId));
		assertNotFound(delete("/api/v1/api-keys/" + bKeyId));
		assertNotFound(get("/api/v1/audit-events/" + bAuditId));

		String members = mvc.perform(get("/api/v1/members").header("Authorization", "Bearer " + aKey))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(members).contains(a.email()).doesNotContain(b.email()).doesNotContain(bMember.email());
		String audit = mvc.perform(get("/api/v1/audit-events").header("Authorization", "Bearer " + aKey))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(audit).doesNotContain(b.email());
		assertBIntact();
	}

	@Test
	void userOfAGets404ForEveryResourceOfBOnPages() throws Exception {
		WebSession session = fixtures.signedIn(a);
		assertThat(session.post("/settings/members/" + bMember.userId() + "/role", "role", "VIEWER")
			.getFlashMap()
			.get("error")).isEqualTo("Member not found.");
		assertThat(session.post("/settings/members/" + bMember.userId() + "/remove").getFlashMap().get("error"))
			.isEqualTo("Member not found.");
		assertThat(session.post("/settings/invitations/" + bInvitationId + "/revoke").getFlashMap().get("error"))
			.isEqualTo("Invitation not found.");
		assertThat(session.post("/settings/api-keys/" + bKeyId + "/revoke").getFlashMap().get("error"))
			.isEqualTo("API key not found.");
		assertThat(
				session.post("/workspaces/switch", "workspaceId", b.workspaceId().toString()).getResponse().getStatus())
			.isEqualTo(404);
		assertThat(session.post("/settings/workspace/transfer", "userId", bMember.userId().toString())
			.getFlashMap()
			.get("error")).isEqualTo("Member not found.");
		assertThat(session.get("/settings/members").getResponse().getContentAsString()).doesNotContain(bMember.email());
		assertBIntact();
	}

	private void assertNotFound(MockHttpServletRequestBuilder request) throws Exception {
		var response = mvc.perform(request.header("Authorization", "Bearer " + aKey)).andReturn().getResponse();
		assertThat(response.getStatus()).as(request.toString()).isEqualTo(404);
		assertThat(response.getContentType()).startsWith("application/problem+json");
	}

	private void assertBIntact() {
		assertThat(fixtures.jdbc()
			.sql("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(b.workspaceId(), bMember.userId())
			.query(String.class)
			.single()).isEqualTo("MEMBER");
		assertThat(fixtures.jdbc()
			.sql("SELECT revoked_at IS NULL FROM api_keys WHERE id = ?")
			.param(bKeyId)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(fixtures.jdbc()
			.sql("SELECT revoked_at IS NULL FROM invitations WHERE id = ?")
			.param(bInvitationId)
			.query(Boolean.class)
			.single()).isTrue();
	}

}
