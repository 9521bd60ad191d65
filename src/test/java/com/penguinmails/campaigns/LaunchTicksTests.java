package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A launch asks for a scheduler tick at once, and one tick answers however many launches
 * came before it; the loop is off wherever the scheduler is (as in these tests).
 */
@IntegrationTest
class LaunchTicksTests {

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	ApplicationContext context;

	@Test
	void aLaunchAsksForOneTickAndTheTickAnswersIt() {
		LaunchTicks ticks = new LaunchTicks(scheduler);
		assertThat(ticks.pending()).isFalse();

		CampaignLaunched launched = new CampaignLaunched(UUID.randomUUID(), UUID.randomUUID(), "Launch", null,
				Instant.now(), UUID.randomUUID(), Instant.now());
		ticks.on(launched);
		ticks.on(launched);
		assertThat(ticks.pending()).isTrue();

		ticks.tickAfterLaunch();
		assertThat(ticks.pending()).as("one tick answers both launches").isFalse();
	}

	@Test
	void offWhereTheSchedulerIsOff() {
		assertThat(context.getBeanNamesForType(LaunchTicks.class)).isEmpty();
	}

}
