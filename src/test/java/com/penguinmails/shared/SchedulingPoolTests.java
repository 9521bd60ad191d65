package com.penguinmails.shared;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @Scheduled} loops (dispatch, inbound sync, CRM push, health checks, reports,
 * ...) share one scheduler: it must have a thread per busy loop, or a loop that waits (a
 * CRM push honouring a 429's {@code Retry-After}) holds up delivery.
 */
@IntegrationTest
class SchedulingPoolTests {

	@Autowired
	ThreadPoolTaskScheduler scheduler;

	@Test
	void theLoopsDoNotShareOneThread() {
		assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isGreaterThanOrEqualTo(4);
		assertThat(scheduler.getThreadNamePrefix()).isEqualTo("pm-scheduling-");
	}

}
