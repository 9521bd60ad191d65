package com.penguinmails.campaigns;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contact;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the scheduler sends for a step's format (plain text: no HTML part) and for a
 * variant linked to a template (the template's latest version at send time).
 */
@IntegrationTest
class StepSendingTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Templates templates;

	record Row(String subject, String html, String text) {
	}

	private Row sent(UUID campaignId) {
		return fixtures.jdbc()
			.sql("SELECT subject, html, text FROM outbox WHERE campaign_id = ?")
			.param(campaignId)
			.query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single();
	}

	private Campaign draft(Account account, Step step) {
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0);
		Contact ada = setup.contact(account, "ada-" + UUID.randomUUID() + "@client.test", "Ada", "");
		Campaign campaign = campaigns.create(account.owner(), new Draft("Test " + UUID.randomUUID(),
				Schedule.defaults(), null, List.of(sam.id()), List.of(step), new Campaign.Tracking(true, true)));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(ada.id()), null, null);
		return campaign;
	}

	private static Step step(StepFormat format, Variant variant) {
		return new Step(0, null, null, false, format, List.of(variant), null, null, null, null);
	}

	@Test
	void aPlainTextStepGoesOutAsTextOnlyEvenWithTrackingOn() {
		Account account = fixtures.verifiedAccount("send-text");
		Campaign campaign = draft(account, step(StepFormat.TEXT,
				new Variant("Hi {{ first_name }}", null, "Hello {{ first_name }}, see https://example.com/guide")));
		campaigns.launch(account.owner(), campaign.id());
		scheduler.tick(setup.monday());

		Row row = sent(campaign.id());
		assertThat(row.html()).isNull();
		assertThat(row.subject()).isEqualTo("Hi Ada");
		assertThat(row.text()).contains("Hello Ada, see https://example.com/guide").doesNotContain("/c/");
	}

	@Test
	void aPlainTextStepWrittenAsHtmlSendsTheTextDerivedFromIt() {
		Account account = fixtures.verifiedAccount("send-derived");
		Campaign campaign = draft(account,
				step(StepFormat.TEXT, new Variant("Hi", "<p>Hello <b>{{ first_name }}</b></p>", null)));
		campaigns.launch(account.owner(), campaign.id());
		scheduler.tick(setup.monday());

		Row row = sent(campaign.id());
		assertThat(row.html()).isNull();
		assertThat(row.text()).contains("Hello Ada").doesNotContain("<p>");
	}

	@Test
	void aLinkedStepSendsTheTemplatesLatestVersionAndADeletedOneIsALaunchReason() {
		Account account = fixtures.verifiedAccount("send-linked");
		UUID template = templates
			.create(account.owner(),
					new Templates.Draft("Intro " + UUID.randomUUID(), "Old subject", "<p>Old</p>", null))
			.id();
		Variant linked = new Variant("Old subject", "<p>Old</p>", null, template, true, null);
		Campaign campaign = draft(account, step(StepFormat.HTML, linked));
		templates.update(account.owner(), template, new Templates.Draft(templates.get(account.owner(), template).name(),
				"New {{ first_name }}", "<p>New body</p>", null));
		campaigns.launch(account.owner(), campaign.id());
		scheduler.tick(setup.monday());

		Row row = sent(campaign.id());
		assertThat(row.subject()).isEqualTo("New Ada");
		assertThat(row.html()).contains("New body");

		Campaign other = draft(account, step(StepFormat.HTML, linked));
		templates.delete(account.owner(), template);
		assertThatThrownBy(() -> campaigns.launch(account.owner(), other.id()))
			.isInstanceOf(Campaigns.LaunchRefused.class)
			.hasMessageContaining("Step 1 is linked to a template that was deleted");
	}

}
