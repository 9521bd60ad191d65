package com.penguinmails.analytics.internal.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When scheduled reports run: the next run in the workspace's time zone across both
 * daylight saving changes (a spring-forward gap runs at its end, a fall-back repeat runs
 * once), monthly on day 28, the periods a run covers, and the runner's claim: two nodes
 * calling it at the same instant send a due report once.
 */
@IntegrationTest
class ReportScheduleTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportSchedules schedules;

	@Autowired
	ReportRunner runner;

	static NextRun.Timing weekly(int day, String time) {
		return new NextRun.Timing(ReportCadence.WEEKLY, day, null, LocalTime.parse(time), PARIS);
	}

	static NextRun.Timing daily(String time) {
		return new NextRun.Timing(ReportCadence.DAILY, null, null, LocalTime.parse(time), PARIS);
	}

	@Test
	void weeklyMondayEightInParisIsSevenZuluInWinterAndSixInSummer() {
		// Spring forward: Sunday 29 March 2026, 02:00 CET -> 03:00 CEST.
		Instant winter = NextRun.after(Instant.parse("2026-03-18T12:00:00Z"), weekly(1, "08:00"));
		assertThat(winter).isEqualTo("2026-03-23T07:00:00Z");
		assertThat(NextRun.after(winter, weekly(1, "08:00"))).isEqualTo("2026-03-30T06:00:00Z");
		// Fall back: Sunday 25 October 2026, 03:00 CEST -> 02:00 CET.
		Instant summer = NextRun.after(Instant.parse("2026-10-14T12:00:00Z"), weekly(1, "08:00"));
		assertThat(summer).isEqualTo("2026-10-19T06:00:00Z");
		assertThat(NextRun.after(summer, weekly(1, "08:00"))).isEqualTo("2026-10-26T07:00:00Z");
	}

	@Test
	void aTimeThatDoesNotExistOnTheSpringForwardDayRunsAtTheEndOfTheGap() {
		Instant gap = NextRun.after(Instant.parse("2026-03-28T12:00:00Z"), daily("02:30"));
		// 02:30 does not exist on 29 March in Paris: clocks go from 02:00 to 03:00 CEST
		// (01:00Z).
		assertThat(gap).isEqualTo("2026-03-29T01:00:00Z");
		assertThat(NextRun.after(gap, daily("02:30"))).isEqualTo("2026-03-30T00:30:00Z");
		// Weekly on that Sunday too.
		assertThat(NextRun.after(Instant.parse("2026-03-25T00:00:00Z"), weekly(7, "02:15")))
			.isEqualTo("2026-03-29T01:00:00Z");
	}

	@Test
	void aTimeThatHappensTwiceOnTheFallBackDayRunsOnce() {
		Instant first = NextRun.after(Instant.parse("2026-10-24T12:00:00Z"), daily("02:30"));
		// 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): the first only.
		assertThat(first).isEqualTo("2026-10-25T00:30:00Z");
		Instant next = NextRun.after(first, daily("02:30"));
		assertThat(next).isEqualTo("2026-10-26T01:30:00Z");
		// Asked between the two occurrences, it does not run again that day.
		assertThat(NextRun.after(Instant.parse("2026-10-25T01:00:00Z"), daily("02:30")))
			.isEqualTo("2026-10-26T01:30:00Z");
	}

	@Test
	void monthlyOnDay28RunsEveryMonthFebruaryIncluded() {
		NextRun.Timing day28 = new NextRun.Timing(ReportCadence.MONTHLY, null, 28, LocalTime.parse("09:00"), PARIS);
		Instant feb = NextRun.after(Instant.parse("2027-01-28T09:00:00Z"), day28);
		assertThat(feb).isEqualTo("2027-02-28T08:00:00Z");
		assertThat(NextRun.after(feb, day28)).isEqualTo("2027-03-28T07:00:00Z");
		// Leap year: 28 February, then 28 March (not the 29th).
		assertThat(NextRun.after(Instant.parse("2028-02-01T00:00:00Z"), day28)).isEqualTo("2028-02-28T08:00:00Z");
		// Last month on 1 March: the whole of February, 28 or 29 days.
		assertThat(ReportPeriod.LAST_MONTH.covering(LocalDate.parse("2027-03-01")))
			.isEqualTo(new ReportPeriod.Days(LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-28")));
		assertThat(ReportPeriod.LAST_MONTH.covering(LocalDate.parse("2028-03-28")))
			.isEqualTo(new ReportPeriod.Days(LocalDate.parse("2028-02-01"), LocalDate.parse("2028-02-29")));
		assertThat(ReportPeriod.LAST_7_DAYS.covering(LocalDate.parse("2026-03-30")))
			.isEqualTo(new ReportPeriod.Days(LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-29")));
	}

	@Test
	void dayOfMonthAfter28IsRefusedNamingTheField() {
		Fixtures.Account owner = fixtures.verifiedAccount("report-day31");
		ScheduleForm form = new ScheduleForm("Monthly", "overview", "last_month", List.of(), "csv", "monthly", null, 31,
				"08:00", List.of(owner.userId()), false);
		try {
			schedules.create(owner.owner(), form);
			throw new AssertionError("day 31 accepted");
		}
		catch (InvalidFieldProblem ex) {
			assertThat(ex.field()).isEqualTo("dayOfMonth");
			assertThat(ex.status().value()).isEqualTo(400);
		}
	}

	@Test
	void twoRunnersAtTheSameInstantSendADueReportOnce() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("report-claim");
		ReportSchedule schedule = schedules.create(owner.owner(), new ScheduleForm("Claimed once", "overview",
				"last_day", List.of(), "csv", "daily", null, null, "08:00", List.of(owner.userId()), false));
		// Due long before any other test's schedule, so this runner claims this one only.
		Instant due = Instant.parse("2026-02-02T08:00:00Z");
		fixtures.jdbc()
			.sql("UPDATE analytics_report_schedules SET next_run_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(due), schedule.id())
			.update();
		long mailsBefore = fixtures.mailsTo(owner.email());
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> runs = List.of(nodes.submit(() -> {
				start.await();
				return runner.runDue(due.plusSeconds(30));
			}), nodes.submit(() -> {
				start.await();
				return runner.runDue(due.plusSeconds(30));
			}));
			assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(1);
		}
		finally {
			nodes.shutdown();
		}
		assertThat(fixtures.mailsTo(owner.email())).isEqualTo(mailsBefore + 1);
		assertThat(schedules.runs(owner.owner(), schedule.id())).singleElement()
			.satisfies(run -> assertThat(run.status()).isEqualTo("sent"));
		// The next run moved on in the claim: the next day, 08:00 in the workspace's zone
		// (UTC).
		assertThat(schedules.get(owner.owner(), schedule.id()).nextRunAt()).isEqualTo("2026-02-03T08:00:00Z");
		assertThat(runner.runDue(due.plusSeconds(60))).isZero();
		schedules.pause(owner.owner(), schedule.id(), true);
	}

}
