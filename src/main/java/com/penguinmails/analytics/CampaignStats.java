package com.penguinmails.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.shared.Tenant;
import com.penguinmails.tracking.TrackingStats;

/**
 * A campaign's figures: sent, delivered, opened (unique; people apart from machines),
 * clicked, replied, bounced (hard, soft, blocked), unsubscribed and complained — for the
 * campaign, per step and per variant, as counts and rates — and per day for the chart.
 * Sends come from the outbox, opens and clicks from tracking, the rest from the events of
 * inbound and tracking kept by {@code analytics}.
 */
@Service
public class CampaignStats {

	/**
	 * One set of figures. {@code sent} counts messages handed to a receiving server;
	 * {@code delivered} those not bounced (at SMTP time or later by a DSN). Opens and
	 * clicks count messages (unique), {@code human} leaving out privacy proxies and
	 * scanners. Rates are fractions: of sent for delivery and bounces, of delivered for
	 * the rest.
	 */
	public record Figures(long sent, long delivered, long opened, long openedHuman, long clicked, long clickedHuman,
			long replied, long autoReplied, long bouncedHard, long bouncedSoft, long bouncedBlock, long bouncedOther,
			long unsubscribed, long complained) {

		@JsonProperty
		public long bounced() {
			return bouncedHard + bouncedSoft + bouncedBlock + bouncedOther;
		}

		@JsonProperty
		public double deliveryRate() {
			return rate(delivered, sent);
		}

		@JsonProperty
		public double bounceRate() {
			return rate(bounced(), sent);
		}

		@JsonProperty
		public double openRate() {
			return rate(openedHuman, delivered);
		}

		@JsonProperty
		public double openRateAll() {
			return rate(opened, delivered);
		}

		@JsonProperty
		public double clickRate() {
			return rate(clickedHuman, delivered);
		}

		@JsonProperty
		public double replyRate() {
			return rate(replied, delivered);
		}

		@JsonProperty
		public double unsubscribeRate() {
			return rate(unsubscribed, delivered);
		}

		@JsonProperty
		public double complaintRate() {
			return rate(complained, delivered);
		}

		private static double rate(long part, long whole) {
			return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
		}

		Figures plus(Figures o) {
			return new Figures(sent + o.sent, delivered + o.delivered, opened + o.opened, openedHuman + o.openedHuman,
					clicked + o.clicked, clickedHuman + o.clickedHuman, replied + o.replied,
					autoReplied + o.autoReplied, bouncedHard + o.bouncedHard, bouncedSoft + o.bouncedSoft,
					bouncedBlock + o.bouncedBlock, bouncedOther + o.bouncedOther, unsubscribed + o.unsubscribed,
					complained + o.complained);
		}

		static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	}

	public record Variant(int variant, Figures figures) {

		/** A, B, C... as the campaign page names variants. */
		public String letter() {
			return String.valueOf((char) ('A' + variant));
		}

	}

	public record Step(int step, Figures figures, List<Variant> variants) {
	}

	/** One day (UTC) of the chart. */
	public record Day(Instant day, long sent, long openedHuman, long openedMachine, long clicked, long replied,
			long bounced, long unsubscribed, long complained) {
	}

	/** Client and device of people's opens and clicks. */
	public record Device(String deviceClass, String client, String os, long opens, long clicks) {
	}

	public record Stats(UUID campaignId, Figures totals, List<Step> steps, List<Day> days, List<Device> devices) {
	}

	private final Campaigns campaigns;

	private final Outbox outbox;

	private final TrackingStats tracking;

	private final JdbcClient jdbc;

	CampaignStats(Campaigns campaigns, Outbox outbox, TrackingStats tracking, JdbcClient jdbc) {
		this.campaigns = campaigns;
		this.outbox = outbox;
		this.tracking = tracking;
		this.jdbc = jdbc;
	}

	/** The figures of one campaign of the caller's workspace (404 for another's). */
	public Stats of(Tenant tenant, UUID campaignId) {
		campaigns.get(tenant, campaignId);
		UUID workspaceId = tenant.workspaceId();
		record Key(int step, int variant) implements Comparable<Key> {
			@Override
			public int compareTo(Key o) {
				return step != o.step ? Integer.compare(step, o.step) : Integer.compare(variant, o.variant);
			}
		}
		Map<Key, Outbox.Outcome> sends = new HashMap<>();
		outbox.outcomes(workspaceId, campaignId).forEach(o -> sends.put(new Key(o.step(), o.variant()), o));
		Map<Key, TrackingStats.Counts> engagement = new HashMap<>();
		tracking.counts(workspaceId, campaignId).forEach(c -> engagement.put(new Key(c.step(), c.variant()), c));
		Map<Key, Map<String, Long>> events = new HashMap<>();
		jdbc.sql("""
				SELECT step, variant, kind, count(DISTINCT coalesce(outbox_id::text, source_id)) FROM analytics_events
				WHERE workspace_id = ? AND campaign_id = ? GROUP BY step, variant, kind""")
			.params(workspaceId, campaignId)
			.query(rs -> {
				events.computeIfAbsent(new Key(rs.getInt(1), rs.getInt(2)), k -> new HashMap<>())
					.put(rs.getString(3), rs.getLong(4));
			});
		TreeSet<Key> keys = new TreeSet<>(sends.keySet());
		keys.addAll(engagement.keySet());
		keys.addAll(events.keySet());
		Map<Integer, List<Variant>> byStep = new TreeMap<>();
		for (Key key : keys) {
			Outbox.Outcome sent = sends.get(key);
			TrackingStats.Counts counts = engagement.get(key);
			Map<String, Long> later = events.getOrDefault(key, Map.of());
			long hard = later.getOrDefault("bounced_hard", 0L) + (sent == null ? 0 : sent.rejectedHard());
			long soft = later.getOrDefault("bounced_soft", 0L) + (sent == null ? 0 : sent.rejectedSoft());
			long block = later.getOrDefault("bounced_block", 0L) + (sent == null ? 0 : sent.rejectedBlock());
			long other = later.getOrDefault("bounced_other", 0L) + (sent == null ? 0 : sent.rejectedOther());
			long attempted = sent == null ? 0 : sent.accepted() + sent.rejectedHard() + sent.rejectedSoft()
					+ sent.rejectedBlock() + sent.rejectedOther();
			long delivered = Math.max(0, attempted - hard - soft - block - other);
			Figures figures = new Figures(attempted, delivered, counts == null ? 0 : counts.uniqueOpens(),
					counts == null ? 0 : counts.uniqueHumanOpens(), counts == null ? 0 : counts.uniqueClicks(),
					counts == null ? 0 : counts.uniqueHumanClicks(), later.getOrDefault("replied", 0L),
					later.getOrDefault("auto_replied", 0L), hard, soft, block, other,
					later.getOrDefault("unsubscribed", 0L), later.getOrDefault("complained", 0L));
			byStep.computeIfAbsent(key.step(), s -> new ArrayList<>()).add(new Variant(key.variant(), figures));
		}
		List<Step> steps = new ArrayList<>();
		Figures totals = Figures.NONE;
		for (var step : byStep.entrySet()) {
			Figures sum = step.getValue().stream().map(Variant::figures).reduce(Figures.NONE, Figures::plus);
			steps.add(new Step(step.getKey(), sum, List.copyOf(step.getValue())));
			totals = totals.plus(sum);
		}
		return new Stats(campaignId, totals, steps, days(workspaceId, campaignId),
				tracking.devices(workspaceId, campaignId)
					.stream()
					.map(d -> new Device(d.deviceClass(), d.client(), d.os(), d.opens(), d.clicks()))
					.toList());
	}

	private List<Day> days(UUID workspaceId, UUID campaignId) {
		Map<Instant, long[]> days = new TreeMap<>();
		outbox.sentPerDay(workspaceId, campaignId)
			.forEach((day, sent) -> days.computeIfAbsent(day, d -> new long[8])[0] = sent);
		for (TrackingStats.Bucket bucket : tracking.overTime(workspaceId, campaignId, Duration.ofDays(1))) {
			long[] day = days.computeIfAbsent(bucket.start(), d -> new long[8]);
			day[1] = bucket.humanOpens();
			day[2] = bucket.machineOpens();
			day[3] = bucket.humanClicks();
		}
		jdbc.sql("""
				SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
				    count(*) FILTER (WHERE kind = 'replied'), count(*) FILTER (WHERE kind LIKE 'bounced%'),
				    count(*) FILTER (WHERE kind = 'unsubscribed'), count(*) FILTER (WHERE kind = 'complained')
				FROM analytics_events WHERE workspace_id = ? AND campaign_id = ? GROUP BY 1""")
			.params(workspaceId, campaignId)
			.query(rs -> {
				long[] day = days.computeIfAbsent(rs.getTimestamp(1).toInstant(), d -> new long[8]);
				day[4] = rs.getLong(2);
				day[5] = rs.getLong(3);
				day[6] = rs.getLong(4);
				day[7] = rs.getLong(5);
			});
		return days.entrySet()
			.stream()
			.map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
					e.getValue()[4], e.getValue()[5], e.getValue()[6], e.getValue()[7]))
			.toList();
	}

}
