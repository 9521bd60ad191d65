package com.penguinmails.warmup.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import com.penguinmails.shared.StoredValue;
import com.penguinmails.warmup.MailboxWarmupChanges;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSchedule.Preset;
import com.penguinmails.warmup.WarmupSettingInvalid;
import com.penguinmails.warmup.WarmupSettings;

/**
 * Applies a change to warmup settings with every range checked; pure (no database, no
 * clock). Each refusal is a {@link WarmupSettingInvalid} naming the field.
 */
public final class SettingsRules {

	/** Turned on after being off longer than this, the ramp starts again at day 1. */
	public static final int RESTART_AFTER_DAYS = 7;

	private SettingsRules() {
	}

	/** The workspace's settings after {@code changes}. */
	public static WarmupSettings apply(WarmupSettings current, WarmupSettings.Changes changes) {
		Preset preset = changes.defaultPreset() == null ? current.defaultPreset()
				: preset("defaultPreset", changes.defaultPreset());
		if (preset == Preset.CUSTOM) {
			throw new WarmupSettingInvalid("defaultPreset",
					"The default preset for new mailboxes is standard, aggressive or conservative.");
		}
		int threshold = range("spamThresholdPercent", changes.spamThresholdPercent(), current.spamThresholdPercent(), 5,
				80, "The spam threshold");
		return new WarmupSettings(or(changes.sharedPool(), current.sharedPool()),
				or(changes.enableNewMailboxes(), current.enableNewMailboxes()), preset, threshold);
	}

	/**
	 * The mailbox's row after {@code changes}; turning on sets {@code startedOn} to
	 * {@code today} (in the mailbox's zone after the change) the first time, or when it
	 * was off more than {@link #RESTART_AFTER_DAYS} days (the ramp restarts at full
	 * percentage); turning off keeps everything and notes the day.
	 * @param today a function of the zone giving the mailbox's day now
	 */
	public static MailboxRow apply(MailboxRow current, MailboxWarmupChanges changes,
			java.util.function.Function<ZoneId, LocalDate> today) {
		WarmupSchedule schedule = schedule(current.schedule(), changes);
		LocalTime start = time("windowStart", changes.windowStart(), current.windowStart());
		LocalTime end = time("windowEnd", changes.windowEnd(), current.windowEnd());
		if (!start.isBefore(end)) {
			throw new WarmupSettingInvalid("windowEnd", "The sending window must end after it starts.");
		}
		String zone = zone(changes.timeZone(), current.timeZone());
		int maintenance = range("maintenancePerDay", changes.maintenancePerDay(), current.maintenancePerDay(), 0, 50,
				"The maintenance volume");
		int campaignStart = range("campaignStartPerDay", changes.campaignStartPerDay(), current.campaignStartPerDay(),
				1, 500, "The first campaign day's volume");
		int campaignIncrease = range("campaignIncreasePerDay", changes.campaignIncreasePerDay(),
				current.campaignIncreasePerDay(), 0, 100, "The daily campaign increase");
		boolean enabled = or(changes.enabled(), current.enabled());
		LocalDate day = today.apply(ZoneId.of(zone));
		LocalDate startedOn = current.startedOn();
		int ramp = current.rampPercent();
		LocalDate holding = current.holdingSince();
		LocalDate disabledOn = current.disabledOn();
		if (enabled && !current.enabled()) {
			boolean longOff = disabledOn != null && ChronoUnit.DAYS.between(disabledOn, day) > RESTART_AFTER_DAYS;
			if (startedOn == null || longOff) {
				startedOn = day;
				ramp = 100;
				holding = null;
			}
			disabledOn = null;
		}
		else if (!enabled && current.enabled()) {
			disabledOn = day;
		}
		return new MailboxRow(current.mailboxId(), current.workspaceId(), enabled, schedule, start, end, zone,
				startedOn, ramp, holding, maintenance, campaignStart, campaignIncrease, current.campaignsStartedOn(),
				current.healthScore(), current.healthMeasuredAt(), disabledOn);
	}

	/**
	 * The schedule after a change: a preset's numbers, or the custom numbers checked. A
	 * change that gives schedule numbers without naming a preset makes the schedule
	 * custom, so numbers sent alone are applied (and checked), never silently ignored.
	 */
	static WarmupSchedule schedule(WarmupSchedule current, MailboxWarmupChanges changes) {
		boolean numbers = changes.startPerDay() != null || changes.increasePerDay() != null
				|| changes.maxPerDay() != null || changes.replyRatePercent() != null;
		Preset preset = changes.preset() != null ? preset("preset", changes.preset())
				: numbers ? Preset.CUSTOM : current.preset();
		boolean weekdays = or(changes.weekdaysOnly(), current.weekdaysOnly());
		boolean random = or(changes.randomTimes(), current.randomTimes());
		if (preset != Preset.CUSTOM) {
			WarmupSchedule p = preset.schedule();
			return new WarmupSchedule(preset, p.startPerDay(), p.increasePerDay(), p.maxPerDay(), p.replyRatePercent(),
					weekdays, random);
		}
		int start = range("startPerDay", changes.startPerDay(), current.startPerDay(), 1, 50, "The first day's volume");
		int increase = range("increasePerDay", changes.increasePerDay(), current.increasePerDay(), 0, 20,
				"The daily increase");
		int max = range("maxPerDay", changes.maxPerDay(), current.maxPerDay(), 1, 50, "The maximum per day");
		if (max < start) {
			throw new WarmupSettingInvalid("maxPerDay",
					"The maximum per day (" + max + ") must be at least the first day's volume (" + start + ").");
		}
		int reply = range("replyRatePercent", changes.replyRatePercent(), current.replyRatePercent(), 0, 100,
				"The reply rate");
		return new WarmupSchedule(Preset.CUSTOM, start, increase, max, reply, weekdays, random);
	}

	static Preset preset(String field, String value) {
		try {
			return StoredValue.of(Preset.class, value);
		}
		catch (IllegalArgumentException ex) {
			throw new WarmupSettingInvalid(field,
					"Choose a preset: standard, aggressive, conservative or custom (not '" + value + "').");
		}
	}

	private static int range(String field, Integer given, int current, int min, int max, String what) {
		int value = given == null ? current : given;
		if (value < min || value > max) {
			throw new WarmupSettingInvalid(field,
					what + " must be from " + min + " to " + max + " (not " + value + ").");
		}
		return value;
	}

	private static LocalTime time(String field, String given, LocalTime current) {
		if (given == null) {
			return current;
		}
		try {
			return LocalTime.parse(given.strip());
		}
		catch (DateTimeParseException ex) {
			throw new WarmupSettingInvalid(field, "Give the time as HH:mm, e.g. 08:00 (not '" + given + "').");
		}
	}

	private static String zone(String given, String current) {
		if (given == null) {
			return current;
		}
		try {
			// IANA time zone database names (tzdb), e.g. Europe/Berlin; "UTC" too.
			String id = given.strip();
			if (!ZoneId.getAvailableZoneIds().contains(id)) {
				throw new DateTimeException(id);
			}
			return ZoneId.of(id).getId();
		}
		catch (DateTimeException ex) {
			throw new WarmupSettingInvalid("timeZone",
					"Give an IANA time zone such as Europe/Berlin or America/New_York (not '" + given + "').");
		}
	}

	private static boolean or(Boolean given, boolean current) {
		return given == null ? current : given;
	}

}
