package com.penguinmails.warmup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.penguinmails.warmup.WarmupSchedule.Preset;
import com.penguinmails.warmup.internal.WarmupFigures.Placements;
import com.penguinmails.warmup.internal.WarmupFigures.RampChange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge cases of the plan (weekdays only, hold, graduation) and of the closed loop's
 * decisions.
 */
class WarmupPlanTests {

	/** A Monday. */
	private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

	private static final WarmupSchedule STANDARD = Preset.STANDARD.schedule();

	private static final WarmupSchedule WEEKDAYS = new WarmupSchedule(Preset.STANDARD, 3, 2, 40, 30, true, true);

	@Test
	void rampsFromTheStartUpToTheMaximum() {
		WarmupPlan plan = new WarmupPlan(STANDARD, MONDAY, 100, null, 10, null);
		assertThat(plan.plannedOn(MONDAY.minusDays(1))).isZero();
		assertThat(IntStream.range(0, 4).map(i -> plan.plannedOn(MONDAY.plusDays(i)))).containsExactly(3, 5, 7, 9);
		assertThat(plan.plannedOn(MONDAY.plusDays(100))).isEqualTo(40);
	}

	@Test
	void weekdaysOnlySkipsWeekendsWhichDoNotCountAsRampDays() {
		WarmupPlan plan = new WarmupPlan(WEEKDAYS, MONDAY, 100, null, 10, null);
		LocalDate saturday = MONDAY.plusDays(5);
		assertThat(saturday.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
		assertThat(plan.plannedOn(saturday)).isZero();
		assertThat(plan.plannedOn(saturday.plusDays(1))).isZero();
		// Friday is day 5 (11), the next Monday day 6 (13).
		assertThat(plan.plannedOn(MONDAY.plusDays(4))).isEqualTo(11);
		assertThat(plan.plannedOn(MONDAY.plusDays(7))).isEqualTo(13);
		// Started on a Saturday: nothing until Monday, which is day 1.
		WarmupPlan weekendStart = new WarmupPlan(WEEKDAYS, saturday, 100, null, 10, null);
		assertThat(weekendStart.plannedOn(saturday)).isZero();
		assertThat(weekendStart.plannedOn(MONDAY.plusDays(7))).isEqualTo(3);
	}

	@Test
	void holdFreezesTheRampDayAndAppliesThePercentage() {
		LocalDate held = MONDAY.plusDays(4);
		WarmupPlan plan = new WarmupPlan(STANDARD, MONDAY, 75, held, 10, null);
		// Day 5 = 11 at 75 % = 8, on the day of the hold and every day after it.
		assertThat(plan.plannedOn(held)).isEqualTo(8);
		assertThat(plan.plannedOn(held.plusDays(10))).isEqualTo(8);
		assertThat(new WarmupPlan(STANDARD, MONDAY, 25, held, 10, null).plannedOn(held)).isEqualTo(3);
		// Never below one a day while on.
		assertThat(
				new WarmupPlan(new WarmupSchedule(Preset.CUSTOM, 1, 0, 1, 0, false, true), MONDAY, 25, MONDAY, 10, null)
					.plannedOn(MONDAY))
			.isEqualTo(1);
	}

	@Test
	void graduationContinuesAtTheMaintenanceVolume() {
		LocalDate campaigns = MONDAY.plusDays(20);
		WarmupPlan plan = new WarmupPlan(STANDARD, MONDAY, 100, null, 6, campaigns);
		assertThat(plan.plannedOn(campaigns.minusDays(1))).isEqualTo(40);
		assertThat(plan.plannedOn(campaigns)).isEqualTo(6);
		assertThat(new WarmupPlan(STANDARD, MONDAY, 100, null, 0, campaigns).plannedOn(campaigns)).isZero();
		assertThat(new WarmupPlan(WEEKDAYS, MONDAY, 100, null, 6, campaigns).plannedOn(campaigns.plusDays(6)))
			.as("a Saturday")
			.isZero();
	}

	@Test
	void closedLoopStepsBackHoldsAndResumes() {
		LocalDate day = MONDAY.plusDays(9);
		assertThat(WarmupRamp.decide(100, null, 20, new Placements(3, 1, 0, 0), day)).as("fewer than 5 known")
			.isEmpty();
		RampChange back = WarmupRamp.decide(100, null, 20, new Placements(6, 3, 0, 1), day).orElseThrow();
		assertThat(back).isEqualTo(new RampChange(day, 100, 75, "Stepped back to 75 %: 3 of 10 in spam"));
		assertThat(WarmupRamp.decide(75, day.minusDays(2), 20, new Placements(6, 3, 0, 1), day))
			.as("at most one step back per 3 days")
			.isEmpty();
		assertThat(
				WarmupRamp.decide(75, day.minusDays(3), 20, new Placements(6, 3, 0, 1), day).orElseThrow().toPercent())
			.isEqualTo(50);
		assertThat(
				WarmupRamp.decide(25, day.minusDays(3), 20, new Placements(6, 3, 0, 1), day).orElseThrow().toPercent())
			.isEqualTo(25);
		// At exactly the threshold: no step back; above half of it while holding: still
		// held.
		assertThat(WarmupRamp.decide(100, null, 20, new Placements(8, 2, 0, 0), day)).isEmpty();
		assertThat(WarmupRamp.decide(75, day.minusDays(5), 20, new Placements(8, 2, 0, 0), day)).isEmpty();
		assertThat(WarmupRamp.decide(50, day.minusDays(5), 20, new Placements(9, 1, 0, 0), day).orElseThrow())
			.isEqualTo(new RampChange(day, 50, 75, "Raised to 75 %: 1 of 10 in spam"));
		assertThat(WarmupRamp.decide(75, day.minusDays(5), 20, new Placements(10, 0, 0, 0), day).orElseThrow().reason())
			.isEqualTo("Resumed: 0 of 10 in spam");
		assertThat(WarmupRamp.decide(100, null, 20, new Placements(10, 0, 0, 0), day)).as("not holding").isEmpty();
	}

}
