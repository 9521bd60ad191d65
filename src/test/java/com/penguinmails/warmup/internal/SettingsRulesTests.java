package com.penguinmails.warmup.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.warmup.MailboxWarmupChanges;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSchedule.Preset;
import com.penguinmails.warmup.WarmupSettingInvalid;
import com.penguinmails.warmup.WarmupSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ranges of warmup settings, presets against custom numbers, and turning on/off. */
class SettingsRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

	private static final MailboxRow OFF = MailboxRow.initial(UUID.randomUUID(), UUID.randomUUID(), Preset.STANDARD);

	private static MailboxWarmupChanges custom(Integer start, Integer increase, Integer max, Integer reply) {
		return new MailboxWarmupChanges(null, "custom", start, increase, max, reply, null, null, null, null, null, null,
				null, null);
	}

	private static MailboxRow apply(MailboxRow row, MailboxWarmupChanges changes, LocalDate today) {
		return SettingsRules.apply(row, changes, zone -> today);
	}

	private static void refused(MailboxWarmupChanges changes, String field) {
		assertThatThrownBy(() -> apply(OFF, changes, TODAY)).isInstanceOfSatisfying(WarmupSettingInvalid.class,
				problem -> {
					assertThat(problem.field()).isEqualTo(field);
					assertThat(problem.status().value()).isEqualTo(400);
				});
	}

	@Test
	void presetAppliesItsNumbersAndIgnoresTypedOnes() {
		MailboxRow row = apply(OFF, new MailboxWarmupChanges(null, "aggressive", 49, 19, 49, 99, true, false, null,
				null, null, null, null, null), TODAY);
		assertThat(row.schedule()).isEqualTo(new WarmupSchedule(Preset.AGGRESSIVE, 5, 4, 50, 40, true, false));
	}

	@Test
	void numbersGivenWithoutAPresetMakeTheScheduleCustomAndAreChecked() {
		MailboxWarmupChanges maxOnly = new MailboxWarmupChanges(null, null, null, null, 12, null, null, null, null,
				null, null, null, null, null);
		assertThat(apply(OFF, maxOnly, TODAY).schedule())
			.isEqualTo(new WarmupSchedule(Preset.CUSTOM, 3, 2, 12, 30, false, true));
		refused(new MailboxWarmupChanges(null, null, 0, null, null, null, null, null, null, null, null, null, null,
				null), "startPerDay");
		refused(new MailboxWarmupChanges(null, null, null, null, 999, null, null, null, null, null, null, null, null,
				null), "maxPerDay");
	}

	@Test
	void customNumbersAreCheckedEachNamingItsField() {
		assertThat(apply(OFF, custom(1, 0, 1, 0), TODAY).schedule())
			.isEqualTo(new WarmupSchedule(Preset.CUSTOM, 1, 0, 1, 0, false, true));
		assertThat(apply(OFF, custom(50, 20, 50, 100), TODAY).schedule().maxPerDay()).isEqualTo(50);
		refused(custom(0, 2, 40, 30), "startPerDay");
		refused(custom(51, 2, 51, 30), "startPerDay");
		refused(custom(3, 21, 40, 30), "increasePerDay");
		refused(custom(3, -1, 40, 30), "increasePerDay");
		refused(custom(3, 2, 51, 30), "maxPerDay");
		refused(custom(10, 2, 9, 30), "maxPerDay");
		refused(custom(3, 2, 40, 101), "replyRatePercent");
		refused(new MailboxWarmupChanges(null, "turbo", null, null, null, null, null, null, null, null, null, null,
				null, null), "preset");
	}

	@Test
	void windowZoneAndGraduationNumbersAreChecked() {
		MailboxRow row = apply(OFF, new MailboxWarmupChanges(null, null, null, null, null, null, null, null, "07:30",
				"16:00", "Europe/Berlin", 0, 500, 100), TODAY);
		assertThat(row.windowStart()).isEqualTo(LocalTime.of(7, 30));
		assertThat(row.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(row.campaignStartPerDay()).isEqualTo(500);
		refused(window("18:00", "08:00"), "windowEnd");
		refused(window("08:00", "08:00"), "windowEnd");
		refused(window("8 o'clock", "18:00"), "windowStart");
		refused(new MailboxWarmupChanges(null, null, null, null, null, null, null, null, null, null, "Mars/Olympus",
				null, null, null), "timeZone");
		refused(new MailboxWarmupChanges(null, null, null, null, null, null, null, null, null, null, "+02:00", null,
				null, null), "timeZone");
		refused(new MailboxWarmupChanges(null, null, null, null, null, null, null, null, null, null, null, 51, null,
				null), "maintenancePerDay");
		refused(new MailboxWarmupChanges(null, null, null, null, null, null, null, null, null, null, null, null, 0,
				null), "campaignStartPerDay");
		refused(new MailboxWarmupChanges(null, null, null, null, null, null, null, null, null, null, null, null, null,
				101), "campaignIncreasePerDay");
	}

	private static MailboxWarmupChanges window(String start, String end) {
		return new MailboxWarmupChanges(null, null, null, null, null, null, null, null, start, end, null, null, null,
				null);
	}

	@Test
	void turningOnStartsTheRampOnceAndRestartsItAfterMoreThanAWeekOff() {
		MailboxRow on = apply(OFF, MailboxWarmupChanges.enabled(true), TODAY);
		assertThat(on.enabled()).isTrue();
		assertThat(on.startedOn()).isEqualTo(TODAY);

		MailboxRow off = apply(on, MailboxWarmupChanges.enabled(false), TODAY.plusDays(10));
		assertThat(off.enabled()).isFalse();
		assertThat(off.startedOn()).isEqualTo(TODAY);
		assertThat(off.disabledOn()).isEqualTo(TODAY.plusDays(10));

		MailboxRow backSoon = apply(off, MailboxWarmupChanges.enabled(true), TODAY.plusDays(17));
		assertThat(backSoon.startedOn()).isEqualTo(TODAY);
		MailboxRow backLate = apply(off, MailboxWarmupChanges.enabled(true), TODAY.plusDays(18));
		assertThat(backLate.startedOn()).isEqualTo(TODAY.plusDays(18));
		assertThat(backLate.rampPercent()).isEqualTo(100);
	}

	@Test
	void workspaceSettingsAreChecked() {
		WarmupSettings updated = SettingsRules.apply(WarmupSettings.DEFAULTS,
				new WarmupSettings.Changes(true, true, "conservative", 5));
		assertThat(updated).isEqualTo(new WarmupSettings(true, true, Preset.CONSERVATIVE, 5));
		assertThat(SettingsRules.apply(updated, new WarmupSettings.Changes(null, null, null, 80)))
			.isEqualTo(new WarmupSettings(true, true, Preset.CONSERVATIVE, 80));
		assertThatThrownBy(() -> SettingsRules.apply(updated, new WarmupSettings.Changes(null, null, null, 4)))
			.isInstanceOfSatisfying(WarmupSettingInvalid.class,
					p -> assertThat(p.field()).isEqualTo("spamThresholdPercent"));
		assertThatThrownBy(() -> SettingsRules.apply(updated, new WarmupSettings.Changes(null, null, null, 81)))
			.isInstanceOf(WarmupSettingInvalid.class);
		assertThatThrownBy(() -> SettingsRules.apply(updated, new WarmupSettings.Changes(null, null, "custom", null)))
			.isInstanceOfSatisfying(WarmupSettingInvalid.class, p -> assertThat(p.field()).isEqualTo("defaultPreset"));
	}

}
