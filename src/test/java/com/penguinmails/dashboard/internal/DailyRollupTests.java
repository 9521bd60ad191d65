package com.penguinmails.dashboard.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.dashboard.Dashboard;
import com.penguinmails.dashboard.Figures;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.inbound.ConversationLabelled;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model as its listeners write it (called directly, so no made-up event reaches
 * the other features' listeners): an event handed twice counts once, a person who replies
 * twice is one person, an automatic reply is no reply, a conversation is positive once
 * while it is labelled so.
 */
@IntegrationTest
class DailyRollupTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DashboardRepository repository;

	@Autowired
	Clock clock;

	@Autowired
	Dashboard dashboard;

	@Test
	void aRedeliveredEventCountsOnceAndAPersonWhoRepliesTwiceIsOnePerson() {
		DailyRollup rollup = new DailyRollup(repository, clock);
		Account account = fixtures.verifiedAccount("rollup-once");
		UUID workspace = account.workspaceId();
		UUID campaign = UUID.randomUUID();
		UUID contact = UUID.randomUUID();
		Instant now = Instant.now();
		MessageSent sent = new MessageSent(workspace, campaign, null, 0, UUID.randomUUID(), "<a@x.test>",
				UUID.randomUUID(), now, null);
		rollup.on(sent);
		rollup.on(sent);
		rollup.on(new MessageSent(workspace, campaign, null, 1, UUID.randomUUID(), "<b@x.test>", UUID.randomUUID(), now,
				null));
		rollup.on(new MessageSent(workspace, null, null, 0, UUID.randomUUID(), "<inbox@x.test>", UUID.randomUUID(), now,
				null));
		ReplyReceived first = reply(workspace, campaign, contact, false);
		rollup.on(first);
		rollup.on(first);
		rollup.on(reply(workspace, campaign, contact, false));
		rollup.on(reply(workspace, campaign, contact, true));

		Figures today = dashboard.summary(account.owner()).today();
		assertThat(today.sent()).isEqualTo(2);
		assertThat(today.repliedPeople()).isEqualTo(1);
		assertThat(today.replyRate()).isEqualTo(0.5);
		assertThat(dashboard.summary(account.owner()).chart()).hasSize(30).last().satisfies(day -> {
			assertThat(day.sent()).isEqualTo(2);
			assertThat(day.replied()).isEqualTo(2);
		});
	}

	@Test
	void aConversationIsPositiveOnceWhileItIsLabelledSo() {
		DailyRollup rollup = new DailyRollup(repository, clock);
		Account account = fixtures.verifiedAccount("rollup-positive");
		UUID thread = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		Instant now = Instant.now();
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, "interested", now));
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, "interested", now));
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, "meeting_booked", now));
		rollup.on(new ConversationLabelled(account.workspaceId(), UUID.randomUUID(), "not_interested", now));
		assertThat(dashboard.summary(account.owner()).last7Days().positive()).isEqualTo(1);
		rollup.on(new ConversationLabelled(account.workspaceId(), other, "interested", now.minusSeconds(86_400)));
		assertThat(dashboard.summary(account.owner()).last7Days().positive()).isEqualTo(2);
		// Cleared, or changed to a negative label: taken back (once, however often said).
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, null, now));
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, null, now));
		rollup.on(new ConversationLabelled(account.workspaceId(), other, "not_interested", now));
		assertThat(dashboard.summary(account.owner()).last7Days().positive()).isZero();
		// Labelled positive again: counted again.
		rollup.on(new ConversationLabelled(account.workspaceId(), thread, "interested", now));
		assertThat(dashboard.summary(account.owner()).last7Days().positive()).isEqualTo(1);
	}

	private static ReplyReceived reply(UUID workspace, UUID campaign, UUID contact, boolean automatic) {
		return new ReplyReceived(workspace, UUID.randomUUID(), campaign, null, 0, 0, UUID.randomUUID(), contact,
				"jo@example.test", automatic, UUID.randomUUID(), Instant.now());
	}

}
