package com.penguinmails.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AccountPagesTests {

	@Autowired
	Fixtures fixtures;

	@Test
	void profileKeepsNameAndTimeZoneAndRejectsUnknownZones() throws Exception {
		Account account = fixtures.verifiedAccount("profile");
		WebSession session = fixtures.signedIn(account);
		session.post("/account/profile", "displayName", "Pat Profile", "timeZone", "America/New_York");
		String page = session.get("/account").getResponse().getContentAsString();
		assertThat(page).contains("Pat Profile").contains("<option value=\"America/New_York\" selected=\"selected\">");
		MvcResult bad = session.post("/account/profile", "displayName", "Pat", "timeZone", "Mars/Olympus");
		assertThat(bad.getFlashMap().get("error")).asString().contains("Unknown time zone");
	}

	@Test
	void emailChangeIsConfirmedFromTheNewAddress() throws Exception {
		Account account = fixtures.verifiedAccount("mover");
		WebSession session = fixtures.signedIn(account);
		String newEmail = Fixtures.uniqueEmail("moved");
		assertThat(session.post("/account/email", "email", newEmail, "password", "wrong").getFlashMap().get("error"))
			.asString()
			.contains("password is not correct");
		session.post("/account/email", "email", newEmail, "password", Fixtures.PASSWORD);
		// Nothing changes until the link in the mail to the new address is clicked.
		assertThat(email(account)).isEqualTo(account.email());
		String token = fixtures.lastToken(newEmail, "/account/email/confirm");
		assertThat(session.get("/account/email/confirm?token=" + token).getResponse().getContentAsString())
			.contains("Your email address is now " + newEmail);
		assertThat(email(account)).isEqualTo(newEmail);
		assertThat(session.get("/account/email/confirm?token=" + token).getResponse().getContentAsString())
			.contains("already been used");
		assertThat(fixtures.browser()
			.post("/login", "email", newEmail, "password", Fixtures.PASSWORD)
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void sessionsPageRevokesOneSessionOrAll() throws Exception {
		Account account = fixtures.verifiedAccount("devices");
		WebSession laptop = fixtures.signedIn(account);
		WebSession phone = fixtures.signedIn(account);
		String page = laptop.get("/account/security").getResponse().getContentAsString();
		assertThat(page).contains(laptop.ip()).contains(phone.ip()).contains("this device").contains("Chrome on Linux");

		// Revoke the phone's session from the laptop.
		String phoneSession = fixtures.jdbc()
			.sql("""
					SELECT s.session_id FROM spring_session s JOIN spring_session_attributes a ON a.session_primary_id = s.primary_id
					WHERE s.principal_name = ? AND a.attribute_name = 'pm.ip' AND position(? in encode(a.attribute_bytes, 'escape')) > 0""")
			.params(account.userId().toString(), phone.ip())
			.query(String.class)
			.single();
		laptop.post("/account/sessions/" + phoneSession + "/revoke");
		assertThat(phone.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");
		assertThat(laptop.get("/account").getResponse().getStatus()).isEqualTo(200);

		// Someone else's session id is not found.
		Account stranger = fixtures.verifiedAccount("stranger");
		WebSession strangerSession = fixtures.signedIn(stranger);
		String laptopSession = fixtures.jdbc()
			.sql("SELECT session_id FROM spring_session WHERE principal_name = ?")
			.param(account.userId().toString())
			.query(String.class)
			.single();
		assertThat(strangerSession.post("/account/sessions/" + laptopSession + "/revoke").getFlashMap().get("error"))
			.isEqualTo("Session not found.");

		WebSession tablet = fixtures.signedIn(account);
		assertThat(laptop.post("/account/sessions/revoke-all").getResponse().getRedirectedUrl())
			.isEqualTo("/login?logout");
		assertThat(laptop.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");
		assertThat(tablet.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");
		assertThat(strangerSession.get("/account").getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void passwordChangeSignsOutOtherSessions() throws Exception {
		Account account = fixtures.verifiedAccount("changer");
		WebSession here = fixtures.signedIn(account);
		WebSession elsewhere = fixtures.signedIn(account);
		String next = "violet tigers read slowly";
		assertThat(here.post("/account/password", "currentPassword", Fixtures.PASSWORD, "newPassword", "abcabcabcabc")
			.getFlashMap()
			.get("error")).asString().contains("too easy to guess");
		here.post("/account/password", "currentPassword", Fixtures.PASSWORD, "newPassword", next);
		assertThat(here.get("/account").getResponse().getStatus()).isEqualTo(200);
		assertThat(elsewhere.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");
	}

	@Test
	void viewersAndMembersCannotManageKeysOrInvite() throws Exception {
		Account owner = fixtures.verifiedAccount("roles-owner");
		Account viewer = fixtures.verifiedAccount("roles-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		WebSession session = fixtures.signedIn(viewer);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		assertThat(session.get("/settings/api-keys").getResponse().getStatus()).isEqualTo(403);
		assertThat(session.post("/settings/api-keys", "name", "sneaky", "scopes", "members:read")
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(session.post("/settings/workspace/require-2fa", "required", "true").getFlashMap().get("error"))
			.asString()
			.contains("Only the workspace owner");
		assertThat(session.get("/settings/members").getResponse().getContentAsString())
			.doesNotContain("Send invitation");
	}

	private String email(Account account) {
		return fixtures.jdbc()
			.sql("SELECT email FROM users WHERE id = ?")
			.param(account.userId())
			.query(String.class)
			.single();
	}

}
