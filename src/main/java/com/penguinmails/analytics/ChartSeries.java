package com.penguinmails.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.analytics.internal.AnalyticsPeopleQueries;
import com.penguinmails.tracking.CampaignEngagement;

/**
 * Builds a campaign's {@link Chart}: sends per hour (given), two aggregate queries per
 * hour (tracking, replies), rolled up into days when the activity spans more than 3 days.
 * The same hours give {@link CampaignStats}'s days.
 */
@Component
class ChartSeries {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration DAY = Duration.ofDays(1);

	private final CampaignEngagement engagement;

	private final AnalyticsPeopleQueries events;

	private final Clock clock;

	ChartSeries(CampaignEngagement engagement, AnalyticsPeopleQueries events, Clock clock) {
		this.engagement = engagement;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The campaign's activity per hour (aligned on the Unix epoch): sent, human opens,
	 * machine opens, human clicks, machine clicks, replies; hours with none are left out.
	 * @param sent messages sent per hour, read by the caller with the campaign's outcomes
	 * ({@link com.penguinmails.delivery.Outbox#outcomesPerHour}); hours with none left
	 * out
	 */
	TreeMap<Instant, long[]> hours(UUID workspaceId, UUID campaignId, Map<Instant, Long> sent) {
		TreeMap<Instant, long[]> hours = new TreeMap<>();
		sent.forEach((at, n) -> at(hours, at)[0] += n);
		for (CampaignEngagement.Bucket b : engagement.overTime(workspaceId, campaignId, HOUR)) {
			long[] point = at(hours, b.start());
			point[1] += b.humanOpens();
			point[2] += b.machineOpens();
			point[3] += b.humanClicks();
			point[4] += b.machineClicks();
		}
		events.repliesPer(workspaceId, campaignId, HOUR).forEach((at, n) -> at(hours, at)[5] += n);
		return hours;
	}

	/**
	 * The chart of {@link #hours}: per hour, or per day when they span over 3 days. A
	 * short campaign's hourly axis is padded to 24 hours, but never past the current
	 * hour: the chart shows no future.
	 */
	Chart of(TreeMap<Instant, long[]> hours) {
		if (hours.isEmpty()) {
			return new Chart("hour", List.of());
		}
		Instant first = hours.firstKey();
		Instant last = hours.lastKey();
		boolean hourly = Duration.between(first, last).compareTo(Duration.ofDays(3)) <= 0;
		Duration unit = hourly ? HOUR : DAY;
		Map<Instant, long[]> buckets = hours;
		if (!hourly) {
			buckets = new TreeMap<>();
			for (var hour : hours.entrySet()) {
				long[] day = at(buckets, floor(hour.getKey(), DAY));
				for (int i = 0; i < day.length; i++) {
					day[i] += hour.getValue()[i];
				}
			}
			first = floor(first, DAY);
			last = floor(last, DAY);
		}
		else if (Duration.between(first, last).compareTo(Duration.ofHours(23)) < 0) {
			Instant now = floor(clock.instant(), HOUR);
			Instant padded = first.plus(Duration.ofHours(23));
			last = padded.isAfter(now) ? (now.isAfter(last) ? now : last) : padded;
		}
		List<Chart.Point> points = new ArrayList<>();
		for (Instant at = first; !at.isAfter(last); at = at.plus(unit)) {
			long[] v = buckets.getOrDefault(at, new long[6]);
			points.add(new Chart.Point(at, v[0], v[1], v[2], v[3], v[4], v[5]));
		}
		return new Chart(hourly ? "hour" : "day", points);
	}

	private static long[] at(Map<Instant, long[]> buckets, Instant at) {
		return buckets.computeIfAbsent(at, k -> new long[6]);
	}

	static Instant floor(Instant at, Duration unit) {
		long seconds = unit.getSeconds();
		return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
	}

}
