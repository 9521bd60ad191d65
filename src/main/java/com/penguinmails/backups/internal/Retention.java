package com.penguinmails.backups.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.penguinmails.backups.BackupProperties;

/**
 * Which backups retention keeps, as restic's {@code forget --keep-daily n --keep-weekly n
 * --keep-monthly n} does: for the last {@code n} days (ISO weeks, months) that have a
 * backup, the newest backup of each; a backup kept by any rule stays. Periods are UTC.
 */
public final class Retention {

	/** A succeeded backup: when it started and where it is. */
	public record Item(UUID id, Instant startedAt, String location) {
	}

	private Retention() {
	}

	/** The ids to keep among {@code backups} (any order). */
	public static Set<UUID> keep(List<Item> backups, BackupProperties.Keep keep) {
		List<Item> newestFirst = backups.stream().sorted(Comparator.comparing(Item::startedAt).reversed()).toList();
		Set<UUID> kept = new LinkedHashSet<>();
		kept.addAll(newestPerPeriod(newestFirst, keep.daily(), at -> at.toLocalDate().toString()));
		kept.addAll(newestPerPeriod(newestFirst, keep.weekly(),
				at -> at.get(IsoFields.WEEK_BASED_YEAR) + "-W" + at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
		kept.addAll(newestPerPeriod(newestFirst, keep.monthly(), at -> at.getYear() + "-" + at.getMonthValue()));
		return kept;
	}

	private static Set<UUID> newestPerPeriod(List<Item> newestFirst, int periods,
			Function<ZonedDateTime, String> period) {
		Set<UUID> kept = new LinkedHashSet<>();
		String last = null;
		for (Item item : newestFirst) {
			if (kept.size() >= periods) {
				break;
			}
			String current = period.apply(item.startedAt().atZone(ZoneOffset.UTC));
			if (!current.equals(last)) {
				kept.add(item.id());
				last = current;
			}
		}
		return kept;
	}

}
