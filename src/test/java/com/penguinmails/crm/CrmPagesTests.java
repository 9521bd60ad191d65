package com.penguinmails.crm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /settings/crm} by role: a member sees the connection and may import, but not the
 * token or the settings; a member's form post to connect is refused with a message;
 * another workspace's run is not found.
 */
@IntegrationTest
class CrmPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotPush push;

	@BeforeEach
	void stubs() {
		HubSpotStubs.reset();
	}

	@Test
	void aMemberSeesTheConnectionButNotTheTokenFormOrTheSettings() throws Exception {
		Account owner = fixtures.verifiedAccount("crm-page-owner");
		Account member = fixtures.verifiedAccount("crm-page-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		HubSpotStubs.tokenAccepted(HubSpotStubs.reset());
		WebSession ownerSession = fixtures.signedIn(owner);
		ownerSession.post("/settings/crm/hubspot", "token", HubSpotStubs.TOKEN);
		String ownerPage = ownerSession.get("/settings/crm").getResponse().getContentAsString();
		assertThat(ownerPage).contains("id=\"crm-settings\"").contains("Disconnect").doesNotContain(HubSpotStubs.TOKEN);

		WebSession memberSession = fixtures.signedIn(member);
		memberSession.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		String memberPage = memberSession.get("/settings/crm").getResponse().getContentAsString();
		assertThat(memberPage).contains("Import now")
			.contains("An admin of this workspace connects HubSpot")
			.doesNotContain("id=\"crm-settings\"")
			.doesNotContain("id=\"crm-token\"");
		assertThat(memberSession.post("/settings/crm/hubspot/disconnect").getFlashMap().get("error")).isNotNull();
	}

	@Test
	void aViewerIsNotOfferedTestOrImportAndASavedTokenHubSpotDidNotCheckIsAWarning() throws Exception {
		Account owner = fixtures.verifiedAccount("crm-page-viewer-owner");
		Account viewer = fixtures.verifiedAccount("crm-page-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		WebSession ownerSession = fixtures.signedIn(owner);
		// HubSpot is down (503 to everything): the token is kept, unchecked, and said so.
		HubSpotStubs.reset()
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock
				.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
		var flash = ownerSession.post("/settings/crm/hubspot", "token", HubSpotStubs.TOKEN).getFlashMap();
		assertThat(flash.get("notice")).isNull();
		assertThat((String) flash.get("warning")).startsWith("The token is saved but HubSpot did not answer");

		WebSession viewerSession = fixtures.signedIn(viewer);
		viewerSession.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		String viewerPage = viewerSession.get("/settings/crm").getResponse().getContentAsString();
		assertThat(viewerPage).contains("Failing").doesNotContain("Import now").doesNotContain("Test the connection");
	}

	@Test
	void thePushFormSavesWhatIsSentAndAMemberCannotChangeIt() throws Exception {
		Account owner = fixtures.verifiedAccount("crm-page-push");
		Account member = fixtures.verifiedAccount("crm-page-push-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		HubSpotStubs.tokenAccepted(HubSpotStubs.reset());
		WebSession session = fixtures.signedIn(owner);
		session.post("/settings/crm/hubspot", "token", HubSpotStubs.TOKEN);
		String page = session.get("/settings/crm").getResponse().getContentAsString();
		assertThat(page).contains("id=\"crm-push\"").contains("Nothing sent yet").doesNotContain("checked");

		session.post("/settings/crm/hubspot/push", "kinds", "reply", "kinds", "label", "leadStatusProperty",
				"hs_lead_status", "labelInterested", "CONNECTED", "labelMeetingBooked", "", "unsubscribeProperty",
				"penguinmails_unsubscribed", "unsubscribeValue", "yes");

		PushSettings saved = push.settings(owner.owner());
		assertThat(saved.kinds()).containsExactly("reply", "label");
		assertThat(saved.labelValues()).containsExactly(java.util.Map.entry("interested", "CONNECTED"));
		assertThat(saved.unsubscribeProperty()).isEqualTo("penguinmails_unsubscribed");
		assertThat(saved.unsubscribeValue()).isEqualTo("yes");
		assertThat(session.post("/settings/crm/hubspot/push", "kinds", "opens").getFlashMap().get("error")).isNotNull();

		WebSession memberSession = fixtures.signedIn(member);
		memberSession.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		assertThat(memberSession.get("/settings/crm").getResponse().getContentAsString())
			.doesNotContain("id=\"crm-push\"");
		assertThat(memberSession.post("/settings/crm/hubspot/push", "kinds", "bounce").getFlashMap().get("error"))
			.isNotNull();
		assertThat(push.settings(owner.owner()).kinds()).containsExactly("reply", "label");
	}

	@Test
	void anotherWorkspacesRunIsNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("crm-page-404");
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/settings/crm/runs/" + java.util.UUID.randomUUID()).getResponse().getStatus())
			.isEqualTo(404);
	}

}
