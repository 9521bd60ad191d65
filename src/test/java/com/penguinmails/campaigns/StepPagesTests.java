package com.penguinmails.campaigns;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step cards' page endpoints (what htmx posts): variants, templates copied, linked
 * and unlinked, save as template, the autosaved draft, duplicate and remove; and a
 * running campaign whose linked template was deleted says so on its page.
 */
@IntegrationTest
class StepPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Templates templates;

	private static final String[] WRITTEN = { "delay", "0", "delayUnit", "days", "format", "text", "subject", "Hello",
			"body", "Hi there", "templateId", "", "templateLinked", "false" };

	/** The card's fields with two variants (the page posts every variant's fields). */
	private static final String[] TWO = { "delay", "0", "delayUnit", "days", "format", "text", "subject", "Hello",
			"body", "Hi there", "templateId", "", "templateLinked", "false", "subject", "Hello", "body", "",
			"templateId", "", "templateLinked", "false" };

	private static String[] with(String... more) {
		String[] all = new String[TWO.length + more.length];
		System.arraycopy(TWO, 0, all, 0, TWO.length);
		System.arraycopy(more, 0, all, TWO.length, more.length);
		return all;
	}

	@Test
	void aStepCardsVariantsTemplatesAndDraft() throws Exception {
		Account account = fixtures.verifiedAccount("step-pages");
		UUID template = templates
			.create(account.owner(), new Templates.Draft("Intro", "From the template", "<p>T</p>", null))
			.id();
		UUID id = campaigns.create(account.owner(), new Draft("Cards", null, null, null, null)).id();
		String step = "/campaigns/" + id + "/steps/1";
		WebSession session = fixtures.signedIn(account);
		assertThat(session.post("/campaigns/" + id + "/steps").getResponse().getContentAsString())
			.contains("id=\"step-1\"");

		assertThat(session.post(step, WRITTEN).getResponse().getContentAsString()).contains("Saved ");
		assertThat(session.post(step + "/variants/add", WRITTEN).getResponse().getContentAsString())
			.contains("Variant B");
		String linked = session
			.post(step + "/variants/template", with("v", "2", "useTemplate", template.toString(), "linked", "true"))
			.getResponse()
			.getContentAsString();
		assertThat(linked).contains("Linked to template Intro (version 1)").contains("Unlink (keep a copy)");
		Variant b = campaigns.get(account.owner(), id).steps().get(0).variants().get(1);
		assertThat(b.templateLinked()).isTrue();

		String unlinked = session
			.post(step + "/variants/unlink", "delay", "0", "delayUnit", "days", "format", "text", "subject", "Hello",
					"subject", "From the template", "body", "Hi there", "body", "<p>T</p>", "templateId", "",
					"templateId", template.toString(), "templateLinked", "false", "templateLinked", "true", "v", "2")
			.getResponse()
			.getContentAsString();
		assertThat(unlinked).contains("Copied from Intro.");
		assertThat(campaigns.get(account.owner(), id).steps().get(0).variants().get(1).templateLinked()).isFalse();
		assertThat(session.post(step + "/variants/remove", with("v", "2")).getResponse().getContentAsString())
			.doesNotContain("Variant B");

		assertThat(session.post(step + "/variants/save-as-template", "templateName", "From step 1")
			.getResponse()
			.getContentAsString()).contains("Saved as the template From step 1.");
		assertThat(session.post(step + "/variants/save-as-template", "templateName", "From step 1")
			.getResponse()
			.getContentAsString()).contains("A template named From step 1 exists.");

		String draft = session
			.post(step + "/draft", "delay", "1", "delayUnit", "hours", "format", "text", "subject", "Hello", "body",
					"Half")
			.getResponse()
			.getContentAsString();
		assertThat(draft).contains("not yet in use");
		Step stored = campaigns.get(account.owner(), id).steps().get(0);
		assertThat(stored.variants().get(0).text()).isEqualTo("Hi there");
		assertThat(stored.draft().step().variants().get(0).text()).isEqualTo("Half");
		assertThat(session.get("/campaigns/" + id).getResponse().getContentAsString()).contains("Half")
			.contains("Draft saved");

		assertThat(session.post(step + "/duplicate").getResponse().getContentAsString()).contains("id=\"step-2\"");
		assertThat(session.post("/campaigns/" + id + "/steps/2/remove").getResponse().getContentAsString())
			.doesNotContain("id=\"step-2\"");
		assertThat(session.post("/campaigns/" + id + "/steps/7/remove").getResponse().getContentAsString())
			.contains("Step 7 not found");
	}

	@Test
	void aRunningCampaignSaysWhenItsLinkedTemplateWasDeletedAndRefusesAnEmptyStep() throws Exception {
		Account account = fixtures.verifiedAccount("step-pages-linked");
		UUID template = templates.create(account.owner(), new Templates.Draft("Linked", "Subject", "<p>Body</p>", null))
			.id();
		UUID mailbox = setup.mailbox(account, "sam@" + setup.verifiedDomain(account), 2525, 30, 0, 0).id();
		UUID ada = setup.contact(account, "ada@client.test", "Ada", "").id();
		Variant linked = new Variant("Subject", "<p>Body</p>", null, template, true, null);
		UUID id = campaigns
			.create(account.owner(),
					new Draft("Linked", null, null, List.of(mailbox), List
						.of(new Step(0, null, null, false, StepFormat.HTML, List.of(linked), null, null, null, null))))
			.id();
		campaigns.addRecipients(account.owner(), id, List.of(ada), null, null);
		campaigns.launch(account.owner(), id);
		templates.delete(account.owner(), template);

		WebSession session = fixtures.signedIn(account);
		String page = session.get("/campaigns/" + id).getResponse().getContentAsString();
		assertThat(page).contains("Step 1 is linked to a template that was deleted: it sends its last copy")
			.contains("Linked to a template that was deleted");
		assertThat(session.post("/campaigns/" + id + "/steps").getResponse().getContentAsString())
			.contains("Step 2 has no body");
		assertThat(campaigns.get(account.owner(), id).steps()).hasSize(1);
	}

}
