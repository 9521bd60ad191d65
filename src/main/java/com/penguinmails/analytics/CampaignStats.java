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

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.AnalyticsEventRepository;
import com.penguinmails.analytics.internal.EventKind;
import com.penguinmails.campaigns.AbVerdict;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.shared.Tenant;
import com.penguinmails.tracking.TrackingStats;

/**
 * A campaign's figures: sent, delivered, opened (unique; people apart from machines),
 * clicked, replied, bounced (hard, soft, blocked), unsubscribed and complained — for the
 * campaign, per step and per variant, as counts and rates — and per day for the chart.
 * Sends come from the outbox (one read for the figures and the chart), opens and clicks
 * from tracking, the rest from the events of inbound and tracking kept by
 * {@code analytics}; per person ({@link Measures}) from the same sources counted by
 * recipient.
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

	/**
	 * Everything the campaign page and API show. {@code totals}, {@code steps} and
	 * {@code days} count messages (as before); {@code people} and {@code messages} are
	 * the {@link Measures} counted per person (the default) and per message, each with
	 * its funnel; {@code chart} per hour or per day; {@code abTests} one verdict per A/B
	 * step.
	 */
	public record Stats(UUID campaignId, Figures totals, List<Step> steps, List<Day> days, List<Device> devices,
			Measures people, Measures messages, Chart chart, List<AbVerdict> abTests) {

		/** The verdict of a step (0-based), or null for a step without variants. */
		public AbVerdict verdict(int step) {
			return abTests.stream().filter(v -> v.step() == step).findFirst().orElse(null);
		}

	}

	/** Figures are kept per step and variant, in that order. */
	private record Key(int step, int variant) implements Comparable<Key> {

		@Override
		public int compareTo(Key o) {
			return step != o.step ? Integer.compare(step, o.step) : Integer.compare(variant, o.variant);
		}

	}

	private final Campaigns campaigns;

	private final Outbox outbox;

	private final TrackingStats tracking;

	private final AnalyticsEventRepository events;

	private final PeopleMeasures people;

	private final ChartSeries chart;

	CampaignStats(Campaigns campaigns, Outbox outbox, TrackingStats tracking, AnalyticsEventRepository events,
			PeopleMeasures people, ChartSeries chart) {
		this.campaigns = campaigns;
		this.outbox = outbox;
		this.tracking = tracking;
		this.events = events;
		this.people = people;
		this.chart = chart;
	}

	/** The figures of one campaign of the caller's workspace (404 for another's). */
	public Stats of(Tenant tenant, UUID campaignId) {
		Campaign campaign = campaigns.get(tenant, campaignId);
		UUID workspaceId = tenant.workspaceId();
		Map<Key, Outbox.Outcome> sends = new HashMap<>();
		Map<Instant, Long> sentPerHour = new HashMap<>();
		for (Outbox.HourlyOutcome o : outbox.outcomesPerHour(workspaceId, campaignId)) {
			sends.merge(new Key(o.outcome().step(), o.outcome().variant()), o.outcome(), CampaignStats::plus);
			if (o.hour() != null && o.outcome().accepted() > 0) {
				sentPerHour.merge(o.hour(), o.outcome().accepted(), Long::sum);
			}
		}
		Map<Key, TrackingStats.Counts> engagement = new HashMap<>();
		tracking.counts(workspaceId, campaignId).forEach(c -> engagement.put(new Key(c.step(), c.variant()), c));
		Map<Key, Map<EventKind, Long>> later = new HashMap<>();
		events.countsByKind(workspaceId, campaignId)
			.forEach(c -> later.computeIfAbsent(new Key(c.step(), c.variant()), k -> new HashMap<>())
				.put(c.kind(), c.messages()));
		TreeSet<Key> keys = new TreeSet<>(sends.keySet());
		keys.addAll(engagement.keySet());
		keys.addAll(later.keySet());
		Map<Integer, List<Variant>> byStep = new TreeMap<>();
		for (Key key : keys) {
			Figures figures = figures(sends.get(key), engagement.get(key), later.getOrDefault(key, Map.of()));
			byStep.computeIfAbsent(key.step(), s -> new ArrayList<>()).add(new Variant(key.variant(), figures));
		}
		List<Step> steps = new ArrayList<>();
		Figures totals = Figures.NONE;
		for (var step : byStep.entrySet()) {
			Figures sum = step.getValue().stream().map(Variant::figures).reduce(Figures.NONE, Figures::plus);
			steps.add(new Step(step.getKey(), sum, List.copyOf(step.getValue())));
			totals = totals.plus(sum);
		}
		Measures[] views = people.of(workspaceId, campaignId, totals);
		TreeMap<Instant, long[]> hours = chart.hours(workspaceId, campaignId, sentPerHour);
		return new Stats(campaignId, totals, steps, days(workspaceId, campaignId, hours),
				tracking.devices(workspaceId, campaignId)
					.stream()
					.map(d -> new Device(d.deviceClass(), d.client(), d.os(), d.opens(), d.clicks()))
					.toList(),
				views[0], views[1], chart.of(hours), PeopleMeasures.verdicts(campaign, steps));
	}

	/** Two outcomes of the same step and variant, added. */
	private static Outbox.Outcome plus(Outbox.Outcome a, Outbox.Outcome b) {
		return new Outbox.Outcome(a.step(), a.variant(), a.accepted() + b.accepted(),
				a.rejectedHard() + b.rejectedHard(), a.rejectedSoft() + b.rejectedSoft(),
				a.rejectedBlock() + b.rejectedBlock(), a.rejectedOther() + b.rejectedOther());
	}

	/**
	 * The figures of one step and variant: bounces are those refused at SMTP time plus
	 * those reported later (DSNs), and delivered is what was attempted less every bounce.
	 * @param sent the outbox's outcomes (null: nothing sent)
	 * @param counts tracking's unique opens and clicks (null: none)
	 * @param later the messages with each kind of later event
	 */
	private static Figures figures(Outbox.Outcome sent, TrackingStats.Counts counts, Map<EventKind, Long> later) {
		long hard = later.getOrDefault(EventKind.BOUNCED_HARD, 0L) + (sent == null ? 0 : sent.rejectedHard());
		long soft = later.getOrDefault(EventKind.BOUNCED_SOFT, 0L) + (sent == null ? 0 : sent.rejectedSoft());
		long block = later.getOrDefault(EventKind.BOUNCED_BLOCK, 0L) + (sent == null ? 0 : sent.rejectedBlock());
		long other = later.getOrDefault(EventKind.BOUNCED_OTHER, 0L) + (sent == null ? 0 : sent.rejectedOther());
		long attempted = sent == null ? 0 : sent.accepted() + sent.rejectedHard() + sent.rejectedSoft()
				+ sent.rejectedBlock() + sent.rejectedOther();
		long delivered = Math.max(0, attempted - hard - soft - block - other);
		return new Figures(attempted, delivered, counts == null ? 0 : counts.uniqueOpens(),
				counts == null ? 0 : counts.uniqueHumanOpens(), counts == null ? 0 : counts.uniqueClicks(),
				counts == null ? 0 : counts.uniqueHumanClicks(), later.getOrDefault(EventKind.REPLIED, 0L),
				later.getOrDefault(EventKind.AUTO_REPLIED, 0L), hard, soft, block, other,
				later.getOrDefault(EventKind.UNSUBSCRIBED, 0L), later.getOrDefault(EventKind.COMPLAINED, 0L));
	}

	/**
	 * Per day (UTC): sends, opens and clicks summed from the chart's hours (one scan of
	 * each source for both), the later events counted per day.
	 */
	private List<Day> days(UUID workspaceId, UUID campaignId, Map<Instant, long[]> hours) {
		Map<Instant, long[]> days = new TreeMap<>();
		hours.forEach((hour, v) -> {
			long[] day = days.computeIfAbsent(ChartSeries.floor(hour, Duration.ofDays(1)), d -> new long[8]);
			for (int i = 0; i < 4; i++) {
				day[i] += v[i];
			}
		});
		for (AnalyticsEventRepository.DayCounts counts : events.perDay(workspaceId, campaignId)) {
			long[] day = days.computeIfAbsent(counts.day(), d -> new long[8]);
			day[4] = counts.replied();
			day[5] = counts.bounced();
			day[6] = counts.unsubscribed();
			day[7] = counts.complained();
		}
		return days.entrySet()
			.stream()
			.map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
					e.getValue()[4], e.getValue()[5], e.getValue()[6], e.getValue()[7]))
			.toList();
	}

}
