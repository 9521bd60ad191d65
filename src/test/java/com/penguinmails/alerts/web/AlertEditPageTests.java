package com.penguinmails.alerts.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Edit pages of an alert channel and an escalation policy, as a signed-in browser
 * posts them: the URL never in the page, a problem shown on the form with what was typed,
 * another workspace's channel not found, and a member (not an admin) refused.
 */
@IntegrationTest
class AlertEditPageTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertSettings settings;

	@Autowired
	EscalationPolicies escalation;

	@Test
	void theChannelFormShowsTheHintNotTheUrlAndAProblemKeepsWhatWasTyped() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("alert-edit-page");
		AlertChannel slack = settings.addChannel(owner.owner(),
				new AlertSettings.ChannelRequest("Ops", "slack", "", "http://127.0.0.1:9/services/T/B/page-secret"));
		WebSession session = fixtures.signedIn(owner);

		String form = body(session.get("/settings/alerts/channels/" + slack.id() + "/edit"));
		assertThat(form).contains("leave empty to keep the current URL (http://127.0.0.1/…)")
			.contains("value=\"Ops\"")
			.doesNotContain("page-secret");

		MvcResult refused = session.post("/settings/alerts/channels/" + slack.id(), "name", "Ops renamed", "url",
				"ftp://hooks.example.com/x");
		assertThat(refused.getResponse().getStatus()).isEqualTo(200);
		assertThat(body(refused)).contains("must be an https:// URL").contains("value=\"Ops renamed\"");
		assertThat(settings.channel(owner.owner(), slack.id()).name()).as("nothing saved").isEqualTo("Ops");

		MvcResult saved = session.post("/settings/alerts/channels/" + slack.id(), "name", "Ops renamed", "url", "");
		assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/settings/alerts");
		assertThat(settings.channel(owner.owner(), slack.id()).name()).isEqualTo("Ops renamed");
		assertThat(settings.channel(owner.owner(), slack.id()).urlHint()).isEqualTo("http://127.0.0.1/…");
	}

	@Test
	void thePolicyFormIsPrefilledAndSaves() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("alert-edit-policy-page");
		EscalationPolicy policy = escalation.addPolicy(owner.owner(),
				new EscalationPolicies.PolicyRequest("Night",
						List.of(new EscalationPolicies.StepRequest(null, "first@example.com", null),
								new EscalationPolicies.StepRequest(null, "second@example.com", 45))));
		WebSession session = fixtures.signedIn(owner);

		String form = body(session.get("/settings/alerts/policies/" + policy.id() + "/edit"));
		assertThat(form).contains("value=\"Night\"")
			.contains("value=\"first@example.com\"")
			.contains("value=\"second@example.com\"")
			.contains("value=\"45\"");

		MvcResult refused = session.post("/settings/alerts/policies/" + policy.id(), "name", "Night", "step1", "email",
				"step1Email", "not an address");
		assertThat(body(refused)).contains("Not an email address").contains("value=\"not an address\"");

		session.post("/settings/alerts/policies/" + policy.id(), "name", "Nights", "step1", "email", "step1Email",
				"lead@example.com", "step2", "", "step2Email", "second@example.com", "step2Minutes", "45");
		EscalationPolicy saved = escalation.policy(owner.owner(), policy.id());
		assertThat(saved.name()).isEqualTo("Nights");
		assertThat(saved.steps()).extracting(EscalationPolicy.Step::target).containsExactly("lead@example.com");
	}

	@Test
	void anotherWorkspacesChannelIsNotFoundAndAMemberMayNotEdit() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("alert-edit-owner");
		AlertChannel email = settings.addChannel(owner.owner(),
				new AlertSettings.ChannelRequest("Leads", "email", "lead@example.com", ""));
		WebSession stranger = fixtures.signedIn(fixtures.verifiedAccount("alert-edit-stranger"));
		assertThat(stranger.get("/settings/alerts/channels/" + email.id() + "/edit").getResponse().getStatus())
			.isEqualTo(404);
		assertThat(stranger.post("/settings/alerts/channels/" + email.id(), "name", "Mine", "addresses", "")
			.getResponse()
			.getStatus()).isEqualTo(404);

		Fixtures.Account member = fixtures.verifiedAccount("alert-edit-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		WebSession memberSession = fixtures.signedIn(member);
		memberSession.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		assertThat(memberSession.get("/settings/alerts/channels/" + email.id() + "/edit").getResponse().getStatus())
			.isEqualTo(403);
		assertThat(memberSession.post("/settings/alerts/channels/" + email.id(), "name", "Mine", "addresses", "")
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(settings.channel(owner.owner(), email.id()).name()).isEqualTo("Leads");
		assertThat(settings.channel(owner.owner(), email.id()).addresses()).isEqualTo("lead@example.com");
	}

	private static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
