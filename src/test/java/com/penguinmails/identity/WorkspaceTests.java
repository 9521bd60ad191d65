package com.penguinmails.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class WorkspaceTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void invitationByEmailIsAcceptedByANewAccountOnce() throws Exception {
		Account owner = fixtures.verifiedAccount("inviter");
		WebSession ownerSession = fixtures.signedIn(owner);
		String invitee = Fixtures.uniqueEmail("invitee");
		ownerSession.post("/settings/members/invite", "email", invitee, "role", "MEMBER");
		String token = fixtures.lastToken(invitee, "/invitations/accept");
		Double days = fixtures.jdbc()
			.sql("SELECT extract(epoch FROM expires_at - created_at) / 86400 FROM invitations WHERE email = ?")
			.param(invitee)
			.query(Double.class)
			.single();
		assertThat(days).isEqualTo(7.0);

		WebSession newcomer = fixtures.browser();
		assertThat(newcomer.get("/invitations/accept?token=" + token).getResponse().getContentAsString())
			.contains(owner.email().substring(0, 3))
			.contains("Create account and join");
		assertThat(newcomer.post("/invitations/accept", "token", token, "password", "short")
			.getResponse()
			.getContentAsString()).contains("at least 10 characters");
		assertThat(newcomer
			.post("/invitations/accept", "token", token, "password", Fixtures.PASSWORD, "displayName", "Ivy")
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?joined");
		assertThat(fixtures.browser().get("/invitations/accept?token=" + token).getResponse().getContentAsString())
			.contains("already been used");

		WebSession ivy = fixtures.browser();
		ivy.post("/login", "email", invitee, "password", Fixtures.PASSWORD);
		assertThat(ivy.get("/settings/members").getResponse().getContentAsString()).contains(owner.email());
	}

	@Test
	void existingUserAcceptsAndSwitchesBetweenWorkspaces() throws Exception {
		Account owner = fixtures.verifiedAccount("agency");
		Account other = fixtures.verifiedAccount("client");
		WebSession ownerSession = fixtures.signedIn(owner);
		ownerSession.post("/settings/members/invite", "email", other.email(), "role", "VIEWER");
		String token = fixtures.lastToken(other.email(), "/invitations/accept");

		WebSession otherSession = fixtures.signedIn(other);
		assertThat(otherSession.post("/invitations/accept", "token", token).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		// Now in the owner's workspace as viewer: the members page shows the owner, and
		// inviting is refused.
		assertThat(otherSession.get("/settings/members").getResponse().getContentAsString()).contains(owner.email());
		assertThat(otherSession.post("/settings/members/invite", "email", "x@example.com", "role", "MEMBER")
			.getFlashMap()
			.get("error")).asString().contains("admin role or higher");
		// And back to their own workspace.
		otherSession.post("/workspaces/switch", "workspaceId", other.workspaceId().toString());
		assertThat(otherSession.get("/settings/members").getResponse().getContentAsString())
			.doesNotContain(owner.email());
	}

	@Test
	void anInvitationIsAcceptedOnlyByTheInvitedAddress() throws Exception {
		Account owner = fixtures.verifiedAccount("binding-owner");
		Account invited = fixtures.verifiedAccount("binding-invited");
		Account intruder = fixtures.verifiedAccount("binding-intruder");
		fixtures.signedIn(owner).post("/settings/members/invite", "email", invited.email(), "role", "ADMIN");
		String token = fixtures.lastToken(invited.email(), "/invitations/accept");

		WebSession other = fixtures.signedIn(intruder);
		assertThat(other.get("/invitations/accept?token=" + token).getResponse().getContentAsString())
			.contains("This invitation is for")
			.doesNotContain("Join the workspace</button>");
		MvcResult refused = other.post("/invitations/accept", "token", token);
		assertThat(refused.getResponse().getContentAsString()).contains("but you are logged in as " + intruder.email());
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(owner.workspaceId(), intruder.userId())
			.query(Long.class)
			.single()).isZero();

		// A new account through the link is always the invited address, whatever is
		// posted.
		String stranger = Fixtures.uniqueEmail("binding-new");
		fixtures.signedIn(owner).post("/settings/members/invite", "email", stranger, "role", "MEMBER");
		String second = fixtures.lastToken(stranger, "/invitations/accept");
		fixtures.browser()
			.post("/invitations/accept", "token", second, "email", "someone-else@example.com", "password",
					Fixtures.PASSWORD);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM users WHERE email IN (?, ?)")
			.params(stranger, "someone-else@example.com")
			.query(Long.class)
			.single()).isEqualTo(1L);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM users WHERE email = ?")
			.param(stranger)
			.query(Long.class)
			.single()).isEqualTo(1L);

		// The invited address itself still can.
		assertThat(
				fixtures.signedIn(invited).post("/invitations/accept", "token", token).getResponse().getRedirectedUrl())
			.isEqualTo("/");
	}

	@Test
	void expiredAndWithdrawnInvitationsAreRefused() throws Exception {
		Account owner = fixtures.verifiedAccount("withdraw");
		WebSession ownerSession = fixtures.signedIn(owner);
		String first = Fixtures.uniqueEmail("first");
		ownerSession.post("/settings/members/invite", "email", first, "role", "MEMBER");
		String firstToken = fixtures.lastToken(first, "/invitations/accept");
		fixtures.jdbc()
			.sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = ?")
			.param(first)
			.update();
		assertThat(fixtures.browser().get("/invitations/accept?token=" + firstToken).getResponse().getContentAsString())
			.contains("expired");

		String second = Fixtures.uniqueEmail("second");
		ownerSession.post("/settings/members/invite", "email", second, "role", "MEMBER");
		String secondToken = fixtures.lastToken(second, "/invitations/accept");
		String id = fixtures.jdbc()
			.sql("SELECT id::text FROM invitations WHERE email = ?")
			.param(second)
			.query(String.class)
			.single();
		ownerSession.post("/settings/invitations/" + id + "/revoke");
		assertThat(
				fixtures.browser().get("/invitations/accept?token=" + secondToken).getResponse().getContentAsString())
			.contains("withdrawn");
	}

	@Test
	void rolesRemovalAndOwnershipTransfer() throws Exception {
		Account owner = fixtures.verifiedAccount("boss");
		Account member = fixtures.verifiedAccount("staff");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		WebSession ownerSession = fixtures.signedIn(owner);
		ownerSession.post("/settings/members/" + member.userId() + "/role", "role", "ADMIN");
		assertThat(role(owner, member)).isEqualTo("ADMIN");

		// A member cannot remove the owner; nobody can remove the owner.
		assertThat(ownerSession.post("/settings/members/" + owner.userId() + "/remove").getFlashMap().get("error"))
			.asString()
			.contains("transfer ownership first");

		ownerSession.post("/settings/workspace/transfer", "userId", member.userId().toString());
		assertThat(role(owner, member)).isEqualTo("OWNER");
		assertThat(role(owner, owner)).isEqualTo("ADMIN");

		WebSession newOwner = fixtures.signedIn(member);
		newOwner.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		newOwner.post("/settings/members/" + owner.userId() + "/remove");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(owner.workspaceId(), owner.userId())
			.query(Long.class)
			.single()).isZero();
		// The removed admin's next request no longer reaches that workspace.
		assertThat(ownerSession.get("/settings/members").getResponse().getContentAsString())
			.doesNotContain(member.email());
	}

	@Test
	void apiInvitationAndMembersEndpoints() throws Exception {
		Account owner = fixtures.verifiedAccount("apiinv");
		String key = fixtures.apiKey(owner, "members:write");
		String invitee = Fixtures.uniqueEmail("apiguest");
		MvcResult created = mvc
			.perform(post("/api/v1/invitations").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"" + invitee + "\",\"role\":\"VIEWER\"}"))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		assertThat(created.getResponse().getHeader("Location")).startsWith("/api/v1/invitations/");
		assertThat(created.getResponse().getContentAsString()).contains("\"status\":\"pending\"");
		assertThat(fixtures.mailsTo(invitee)).isEqualTo(1);

		MvcResult duplicateOwner = mvc
			.perform(post("/api/v1/members").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"" + owner.email() + "\",\"role\":\"MEMBER\"}"))
			.andReturn();
		assertThat(duplicateOwner.getResponse().getStatus()).isEqualTo(409);
		MvcResult ownerRole = mvc
			.perform(post("/api/v1/members").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"someone@example.com\",\"role\":\"OWNER\"}"))
			.andReturn();
		assertThat(ownerRole.getResponse().getStatus()).isEqualTo(400);
	}

	private String role(Account workspace, Account user) {
		return fixtures.jdbc()
			.sql("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?")
			.params(workspace.workspaceId(), user.userId())
			.query(String.class)
			.single();
	}

}
