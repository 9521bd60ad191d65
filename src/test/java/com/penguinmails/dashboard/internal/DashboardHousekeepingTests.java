package com.penguinmails.dashboard.internal;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DashboardHousekeepingTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DashboardHousekeeping housekeeping;

	@Test
	void countedEventIdsAreForgottenAfterThirtyDaysAndRecentOnesStillDeduplicate() {
		String old = "sent:" + UUID.randomUUID();
		String recent = "sent:" + UUID.randomUUID();
		fixtures.jdbc()
			.sql("INSERT INTO dashboard_counted (source_id, counted_at) VALUES (?, now() - interval '31 days'), (?, now() - interval '29 days')")
			.params(old, recent)
			.update();

		assertThat(housekeeping.clean()).isPositive();

		assertThat(fixtures.jdbc()
			.sql("SELECT source_id FROM dashboard_counted WHERE source_id IN (?, ?)")
			.params(old, recent)
			.query(String.class)
			.list()).containsExactly(recent);
	}

}
