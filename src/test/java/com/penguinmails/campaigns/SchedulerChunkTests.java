package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends start while a large campaign is still being queued: the scheduler commits its
 * outbox rows in transactions of at most {@link CampaignScheduler#BATCH}, and the
 * dispatcher does not wait for the scheduler's thread.
 */
@IntegrationTest
class SchedulerChunkTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TaskScheduler taskScheduler;

	@Test
	void aLargeCampaignIsQueuedInCommittedChunksSoTheFirstMessagesAreClaimableBeforeTheTickEnds() {
		Account account = fixtures.verifiedAccount("scheduler-chunks");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 5000, 0, 0).id();
		int size = CampaignScheduler.BATCH * 2 + 200;
		List<UUID> people = fixtures.jdbc()
			.sql("""
					INSERT INTO contacts (id, workspace_id, email, first_name, company)
					SELECT gen_random_uuid(), ?, 'lead' || g || '@org' || g || '.test', 'Lead', 'Acme'
					FROM generate_series(1, ?) g RETURNING id""")
			.params(account.workspaceId(), size)
			.query(UUID.class)
			.list();
		Campaign campaign = campaigns
			.create(account.owner(), new Draft("Chunks " + UUID.randomUUID(), Schedule.defaults(), null, List.of(sam),
					List.of(new Step(0, false, List.of(new Variant("Hi {{ first_name }}", "<p>Hello</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), people, null, null);
		campaigns.launch(account.owner(), campaign.id());
		Instant monday = setup.monday();

		scheduler.tick(monday);

		// xmin: the transaction that wrote each row. One transaction for the whole
		// campaign
		// would leave nothing for the dispatcher until the tick's end.
		List<Integer> perTransaction = fixtures.jdbc()
			.sql("SELECT count(*) FROM outbox WHERE campaign_id = ? GROUP BY xmin::text::bigint ORDER BY 1")
			.param(campaign.id())
			.query(Integer.class)
			.list();
		assertThat(perTransaction.stream().mapToInt(Integer::intValue).sum()).isEqualTo(size);
		assertThat(perTransaction).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(CampaignScheduler.BATCH));
	}

	@Test
	void theDispatcherAndTheSchedulerHaveScheduledThreadsOfTheirOwn() {
		assertThat(taskScheduler).isInstanceOf(ThreadPoolTaskScheduler.class);
		assertThat(((ThreadPoolTaskScheduler) taskScheduler).getScheduledThreadPoolExecutor().getCorePoolSize())
			.isGreaterThanOrEqualTo(2);
	}

}
