package com.penguinmails.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default stop condition end to end through GreenMail: a three-step sequence sends
 * two threaded steps, the recipient answers the second, the reply is read over IMAP, and
 * the third step is never sent.
 */
@IntegrationTest
class SequenceStopsOnReplyTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Contacts contacts;

	@Autowired
	Fixtures fixtures;

	void run(Instant at) {
		scheduler.tick(at);
		while (dispatcher.dispatch(at, 100) > 0) {
			// drain
		}
	}

	List<MimeMessage> receivedBy(String to) {
		return Arrays.stream(InboundFixtures.mail().getReceivedMessages()).filter(m -> {
			try {
				return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	@Test
	void aReplyToTheSecondStepStopsTheThird() throws Exception {
		Sender sender = setup.sender("sequence-reply");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID contact = contacts
			.create(sender.account().owner(),
					new Contacts.NewContact(ada, "Ada", "", "Client", "", "", "", "", "", "", Map.of(), List.of()))
			.id();
		Campaign campaign = campaigns.create(sender.account().owner(),
				new Draft("Three steps", Schedule.defaults(), null, List.of(sender.mailbox().id()),
						List.of(new Step(0, false, List.of(new Variant("Quick question", "<p>Hi Ada</p>", null))),
								new Step(24 * 60, false, List.of(new Variant("", "<p>Bumping this</p>", null))),
								new Step(24 * 60, false, List.of(new Variant("", "<p>Last try</p>", null))))));
		campaigns.addRecipients(sender.account().owner(), campaign.id(), List.of(contact), null, null);
		campaigns.launch(sender.account().owner(), campaign.id());
		Instant t0 = InboundFixtures.monday();

		run(t0);
		run(t0.plus(Duration.ofDays(1)));
		List<MimeMessage> sent = receivedBy(ada);
		assertThat(sent).extracting(MimeMessage::getSubject).containsExactly("Quick question", "Re: Quick question");
		assertThat(sent.get(1).getHeader("In-Reply-To")[0]).isEqualTo(sent.get(0).getMessageID());

		// Ada answers the second message; the mailbox is read.
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Fine, let's talk.",
					Map.of("In-Reply-To", sent.get(1).getMessageID(), "References",
							sent.get(0).getMessageID() + " " + sent.get(1).getMessageID())));
		assertThat(sync.sync(sender.account().workspaceId(), sender.mailbox().id()).stored()).isEqualTo(1);
		fixtures.enrolmentEventsHandled();

		run(t0.plus(Duration.ofDays(2)));
		run(t0.plus(Duration.ofDays(3)));
		assertThat(receivedBy(ada)).hasSize(2);
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single()).isEqualTo("stopped replied");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

}
