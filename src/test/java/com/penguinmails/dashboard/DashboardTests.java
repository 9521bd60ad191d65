package com.penguinmails.dashboard;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the home page puts first: a paused mailbox and the campaign it leaves without a
 * sender under "needs attention"; the checklist's DNS step pointing at the domain.
 */
@IntegrationTest
class DashboardTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Dashboard dashboard;

	@Autowired
	SetupChecklist checklist;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Domains domains;

	@Test
	void aPausedMailboxAndTheCampaignItLeavesWithoutSenderNeedAttention() {
		Account account = fixtures.verifiedAccount("attention");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Mailbox box = mailboxes.add(account.owner(),
				new NewMailbox("me-" + tag + "@attention.test", "Me", "sandbox", null, null, "", "", null, null, null));
		UUID contact = contacts
			.create(account.owner(),
					new Contacts.NewContact("jo-" + tag + "@example.test", "Jo", "", "", "", "", "", "", "", "",
							Map.of(), List.of()))
			.id();
		Campaign campaign = campaigns.create(account.owner(), new Draft("Stuck " + tag, null, null, List.of(box.id()),
				List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hi</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(contact), List.of(), List.of());
		campaigns.launch(account.owner(), campaign.id());
		mailboxes.pause(account.owner(), box.id(), true);

		Summary summary = dashboard.summary(account.owner());
		assertThat(summary.needsAttention()).extracting(Summary.Attention::kind, Summary.Attention::link)
			.contains(org.assertj.core.groups.Tuple.tuple("mailbox", "/mailboxes/" + box.id()),
					org.assertj.core.groups.Tuple.tuple("campaign", "/campaigns/" + campaign.id()));
		assertThat(summary.mailboxes()).containsEntry("paused", 1L).containsEntry("active", 0L);
	}

	@Test
	void theDnsStepLinksToTheDomainAndOffersPublishingByDnsUpdate() {
		Account account = fixtures.verifiedAccount("checklist-dns");
		Domain domain = domains.add(account.owner(),
				new NewDomain("checklist-" + UUID.randomUUID().toString().substring(0, 6) + ".test", false, "", ""));
		Checklist list = checklist.of(account.owner());
		assertThat(list.items().get(0).done()).isTrue();
		Checklist.Item dns = list.items().get(1);
		assertThat(dns.done()).isFalse();
		assertThat(dns.link()).isEqualTo("/domains/" + domain.id());
		assertThat(dns.hint()).contains("RFC 2136");
		assertThat(list.items()).noneMatch(Checklist.Item::comingSoon);
		assertThat(list.items()).filteredOn(item -> item.key().equals("warmup"))
			.singleElement()
			.satisfies(item -> assertThat(item.link()).isEqualTo("/warmup"))
			.satisfies(item -> assertThat(item.done()).isFalse());
		assertThat(dashboard.summary(account.owner()).domains()).containsEntry("pending", 1L);
	}

}
