package com.penguinmails.campaigns;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Segments;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CampaignPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Segments segments;

	@Autowired
	com.penguinmails.delivery.SendingSwitch sendingSwitch;

	@Test
	void aCampaignIsWrittenOnItsPageAndLaunchedOnceItCanSend() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-page");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0).id();
		UUID ada = setup.contact(account, "ada@client.test", "Ada", "").id();
		UUID list = segments.createList(account.owner(), "Prospects").id();
		segments.addToList(account.owner(), list, java.util.List.of(ada));
		WebSession session = fixtures.signedIn(account);

		String location = session.post("/campaigns", "name", "Spring push").getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/campaigns/");
		UUID id = UUID.fromString(location.substring("/campaigns/".length()));

		// Launching an empty draft shows every reason on the page.
		session.post(location + "/launch");
		String refused = session.get(location).getResponse().getContentAsString();
		assertThat(refused).contains("The campaign cannot start yet")
			.contains("it has no steps")
			.contains("no recipients");

		// Steps are written one card at a time: add, then save each.
		assertThat(session.post(location + "/steps").getResponse().getContentAsString()).contains("id=\"step-1\"");
		session.post(location + "/steps");
		String first = session
			.post(location + "/steps/1", "delay", "0", "delayUnit", "days", "format", "html", "subject",
					"Hi {{ first_name }}, quick one", "body", "<p>Hello, {{ first_name }}, hi</p>")
			.getResponse()
			.getContentAsString();
		assertThat(first).contains("Saved ");
		session.post(location + "/steps/2", "delay", "2", "delayUnit", "days", "newThread", "false", "format", "text",
				"subject", "", "body", "Following up");
		String saved = session
			.post(location, "name", "Spring push", "mailboxId", sam.toString(), "timeZone", "Europe/Paris", "day", "1",
					"day", "2", "windowStart", "08:30", "windowEnd", "18:00", "dailyLimit", "", "domainPacePerHour",
					"10", "stopOnReply", "on", "stopOnBounce", "on")
			.getResponse()
			.getContentAsString();
		assertThat(saved).contains("Saved.")
			.doesNotContain("id=\"tracking-warning\"")
			// Beside Launch: what a first campaign would not track.
			.contains("Opens and clicks are not tracked: turn them on under Tracking below.");
		// Open tracking on with a plain-text step 2: the page says what will not be
		// tracked.
		String tracked = session
			.post(location, "name", "Spring push", "mailboxId", sam.toString(), "timeZone", "Europe/Paris", "day", "1",
					"day", "2", "windowStart", "08:30", "windowEnd", "18:00", "dailyLimit", "", "domainPacePerHour",
					"10", "stopOnReply", "on", "stopOnBounce", "on", "trackOpens", "on")
			.getResponse()
			.getContentAsString();
		assertThat(tracked).contains("id=\"tracking-warning\"")
			.contains("Step 2 is plain text: its opens will not be tracked")
			.contains("Opens are tracked (HTML steps), clicks are not.");
		Campaign campaign = campaigns.get(account.owner(), id);
		assertThat(campaign.steps()).hasSize(2);
		assertThat(campaign.steps().get(1).delayMinutes()).isEqualTo(2 * 24 * 60);
		assertThat(campaign.steps().get(1).format()).isEqualTo(StepFormat.TEXT);
		assertThat(campaign.steps().get(1).variants().get(0).text()).isEqualTo("Following up");
		// A form bound to a record: commas stay in the subject and body.
		assertThat(campaign.steps().get(0).variants().get(0).subject()).isEqualTo("Hi {{ first_name }}, quick one");
		assertThat(campaign.steps().get(0).variants().get(0).html()).isEqualTo("<p>Hello, {{ first_name }}, hi</p>");
		assertThat(campaign.steps().get(0).format()).isEqualTo(StepFormat.HTML);
		assertThat(campaign.schedule().timeZone()).isEqualTo("Europe/Paris");
		assertThat(campaign.schedule().days()).containsExactly(1, 2);
		assertThat(campaign.stops().onReply()).isTrue();
		assertThat(campaign.stops().onClick()).isFalse();
		assertThat(campaign.mailboxIds()).containsExactly(sam);

		// A bad time zone: the message on the page, nothing lost.
		String bad = session
			.post(location, "name", "Spring push", "timeZone", "Nowhere/City", "day", "1", "windowStart", "08:30",
					"windowEnd", "18:00", "mailboxId", sam.toString())
			.getResponse()
			.getContentAsString();
		assertThat(bad).contains("Unknown time zone");
		assertThat(campaigns.get(account.owner(), id).steps()).hasSize(2);

		// A delay that is no whole number, or an unknown unit: a message in the card,
		// what was typed kept, nothing changed.
		String half = session
			.post(location + "/steps/2", "delay", "1.5", "delayUnit", "days", "subject", "", "body", "Typed")
			.getResponse()
			.getContentAsString();
		assertThat(half).contains("Step 2: the delay is a whole number").contains("Typed");
		String weeks = session
			.post(location + "/steps/2", "delay", "1", "delayUnit", "weeks", "subject", "", "body", "Typed")
			.getResponse()
			.getContentAsString();
		assertThat(weeks).contains("Step 2: the delay is in minutes, hours or days");
		assertThat(campaigns.get(account.owner(), id).steps().get(1).delayMinutes()).isEqualTo(2 * 24 * 60);
		String notANumber = session
			.post(location, "name", "Renamed", "timeZone", "Europe/Paris", "day", "1", "windowStart", "08:30",
					"windowEnd", "18:00", "dailyLimit", "ten", "mailboxId", sam.toString())
			.getResponse()
			.getContentAsString();
		assertThat(notANumber).contains("whole numbers");
		assertThat(campaigns.get(account.owner(), id).name()).isEqualTo("Spring push");
		assertThat(campaigns.get(account.owner(), id).steps()).hasSize(2);

		session.post(location + "/recipients", "listId", list.toString(), "segmentId", "");
		assertThat(session.get(location).getResponse().getContentAsString()).contains("1 recipients added");
		session.post(location + "/launch");
		String running = session.get(location).getResponse().getContentAsString();
		assertThat(running).contains("The campaign is running").contains("1 active");
		assertThat(running).as("the launch notice says what is not tracked")
			.contains("First send:")
			.containsPattern("First send: [^<]*Step 2 is plain text");
		assertThat(session.get("/campaigns").getResponse().getContentAsString()).contains("Spring push");

		// Another workspace's member does not see it.
		WebSession stranger = fixtures.signedIn(fixtures.verifiedAccount("campaign-page-stranger"));
		assertThat(stranger.get(location).getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void anAdminPausesAllSendingFromSettingsSending() throws Exception {
		Account account = fixtures.verifiedAccount("pause-all");
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/settings/sending").getResponse().getContentAsString()).contains("Pause all sending");
		assertThat(session.get("/campaigns").getResponse().getContentAsString()).doesNotContain("Pause all sending");
		session.post("/settings/sending/pause");
		String paused = session.get("/settings/sending").getResponse().getContentAsString();
		assertThat(paused).contains("All sending is paused").contains("Resume sending");
		assertThat(sendingSwitch.paused(account.workspaceId())).isTrue();
		// The campaigns list says so and links to the switch.
		assertThat(session.get("/campaigns").getResponse().getContentAsString())
			.contains("All sending of this workspace is paused")
			.contains("/settings/sending");
		session.post("/settings/sending/resume");
		assertThat(sendingSwitch.paused(account.workspaceId())).isFalse();
		// A member sees no switch and cannot use it.
		Account member = fixtures.verifiedAccount("pause-all-member");
		fixtures.join(account, member, com.penguinmails.shared.WorkspaceRole.MEMBER);
		WebSession memberSession = fixtures.signedIn(member);
		memberSession.post("/workspaces/switch", "workspaceId", account.workspaceId().toString());
		assertThat(memberSession.get("/settings/sending").getResponse().getContentAsString())
			.doesNotContain("Pause all sending");
		memberSession.post("/settings/sending/pause");
		assertThat(sendingSwitch.paused(account.workspaceId())).isFalse();
	}

}
