package com.penguinmails.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.deals.DealRepository;
import com.penguinmails.delivery.ContactMessages;
import com.penguinmails.delivery.ContactMessages.CampaignTouch;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Revenue per campaign: the deals closed in a period, each credited to the campaigns
 * whose messages were sent to its contact before it closed (its touches, read through
 * {@link ContactMessages#campaignTouches}), by the three {@link AttributionModel}s at
 * once. A deal with no touch is unattributed. Amounts are never added across currencies:
 * every figure is per currency. Needs the viewer role (API scope {@code analytics:read}).
 */
@Service
public class RevenueAttribution {

	/** Deals read per batch (and contacts per touches query). */
	static final int BATCH = 2000;

	/** The precision linear shares are summed at before the total is rounded to cents. */
	private static final int SHARE_SCALE = 12;

	/**
	 * A campaign's revenue in one currency.
	 *
	 * @param campaignId the campaign
	 * @param campaignName its name ("Deleted campaign" when it is gone)
	 * @param currency ISO 4217 code
	 * @param deals deals it touched (at least one of its messages before closing)
	 * @param firstTouch revenue credited by {@link AttributionModel#FIRST_TOUCH}
	 * @param lastTouch revenue credited by {@link AttributionModel#LAST_TOUCH}
	 * @param linear revenue credited by {@link AttributionModel#LINEAR}, rounded to cents
	 * once summed (so campaigns' linear figures may differ from the total by a cent)
	 * @param revenue the chosen model's figure
	 */
	public record CampaignRevenue(UUID campaignId, String campaignName, String currency, long deals,
			BigDecimal firstTouch, BigDecimal lastTouch, BigDecimal linear, BigDecimal revenue) {
	}

	/**
	 * All deals closed in the period in one currency.
	 *
	 * @param currency ISO 4217 code
	 * @param deals deals closed in the period
	 * @param revenue their amounts summed
	 * @param unattributedDeals deals with no touch
	 * @param unattributedRevenue their amounts summed
	 */
	public record CurrencyTotal(String currency, long deals, BigDecimal revenue, long unattributedDeals,
			BigDecimal unattributedRevenue) {
	}

	/**
	 * Revenue per campaign over a period.
	 *
	 * @param model the model {@code revenue} follows and rows are ordered by
	 * @param from first day, inclusive, in {@code zone}
	 * @param to last day, inclusive
	 * @param zone the IANA time zone days are read in
	 * @param campaigns per campaign and currency, highest {@code revenue} first (only the
	 * filter's campaigns when it names some)
	 * @param totals per currency, over every deal closed in the period, by currency code
	 */
	public record Revenue(AttributionModel model, LocalDate from, LocalDate to, String zone,
			List<CampaignRevenue> campaigns, List<CurrencyTotal> totals) {
	}

	/** One deal's credit to one campaign, by model. */
	record Credit(BigDecimal firstTouch, BigDecimal lastTouch, BigDecimal linear) {
	}

	private final DealRepository deals;

	private final ContactMessages messages;

	private final List<CampaignNames> campaignNames;

	RevenueAttribution(DealRepository deals, ContactMessages messages, List<CampaignNames> campaignNames) {
		this.deals = deals;
		this.messages = messages;
		this.campaignNames = campaignNames;
	}

	/**
	 * Revenue per campaign of the deals closed in the filter's period (its days in its
	 * time zone). Of the filter, only the period, the zone and {@code campaignIds} apply:
	 * the campaign filter keeps those campaigns' rows (deals are still shared among all
	 * their touches, and the totals count every deal of the period).
	 */
	public Revenue revenue(Tenant tenant, AnalyticsFilter filter, AttributionModel model) {
		tenant.require(WorkspaceRole.VIEWER, "analytics:read");
		UUID workspaceId = tenant.workspaceId();
		Map<String, Sums> totals = new TreeMap<>();
		Map<Key, Sums> perCampaign = new HashMap<>();
		Instant afterAt = null;
		UUID afterId = null;
		while (true) {
			List<DealRepository.Closed> batch = deals.closed(workspaceId, filter.start(), filter.end(), afterAt,
					afterId, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			Map<UUID, List<CampaignTouch>> touches = touches(workspaceId, batch);
			for (DealRepository.Closed deal : batch) {
				Sums total = totals.computeIfAbsent(deal.currency(), c -> new Sums());
				total.deals++;
				total.total = total.total.add(deal.amount());
				List<UUID> campaigns = deal.contactId() == null ? List.of()
						: touches.getOrDefault(deal.contactId(), List.of())
							.stream()
							.filter(t -> t.sentAt().isBefore(deal.closedAt()))
							.map(CampaignTouch::campaignId)
							.toList();
				if (campaigns.isEmpty()) {
					total.unattributedDeals++;
					total.unattributed = total.unattributed.add(deal.amount());
					continue;
				}
				credits(campaigns, deal.amount()).forEach((campaign, credit) -> {
					Sums sums = perCampaign.computeIfAbsent(new Key(campaign, deal.currency()), k -> new Sums());
					sums.deals++;
					sums.first = sums.first.add(credit.firstTouch());
					sums.last = sums.last.add(credit.lastTouch());
					sums.linear = sums.linear.add(credit.linear());
				});
			}
			if (batch.size() < BATCH) {
				break;
			}
			DealRepository.Closed last = batch.get(batch.size() - 1);
			afterAt = last.closedAt();
			afterId = last.id();
		}
		return new Revenue(model, filter.from(), filter.to(), filter.zone().getId(),
				rows(workspaceId, filter, model, perCampaign), currencies(totals));
	}

	/** The campaigns' rows, the chosen model's revenue first. */
	private List<CampaignRevenue> rows(UUID workspaceId, AnalyticsFilter filter, AttributionModel model,
			Map<Key, Sums> perCampaign) {
		Map<UUID, String> names = new HashMap<>();
		campaignNames.forEach(source -> source.campaigns(workspaceId).forEach(c -> names.put(c.id(), c.name())));
		List<CampaignRevenue> rows = new ArrayList<>();
		perCampaign.forEach((key, sums) -> {
			if (!filter.campaignIds().isEmpty() && !filter.campaignIds().contains(key.campaignId())) {
				return;
			}
			BigDecimal linear = sums.linear.setScale(2, RoundingMode.HALF_EVEN);
			BigDecimal revenue = switch (model) {
				case FIRST_TOUCH -> sums.first;
				case LAST_TOUCH -> sums.last;
				case LINEAR -> linear;
			};
			rows.add(new CampaignRevenue(key.campaignId(), names.getOrDefault(key.campaignId(), "Deleted campaign"),
					key.currency(), sums.deals, sums.first, sums.last, linear, revenue));
		});
		rows.sort(Comparator.comparing(CampaignRevenue::revenue)
			.reversed()
			.thenComparing(CampaignRevenue::campaignName)
			.thenComparing(CampaignRevenue::currency));
		return List.copyOf(rows);
	}

	private static List<CurrencyTotal> currencies(Map<String, Sums> totals) {
		return totals.entrySet()
			.stream()
			.map(e -> new CurrencyTotal(e.getKey(), e.getValue().deals, e.getValue().total,
					e.getValue().unattributedDeals, e.getValue().unattributed))
			.toList();
	}

	/**
	 * One deal's credit per campaign, by each model, from its touches' campaigns in time
	 * order (not empty): first touch gives the whole amount to the first campaign, last
	 * touch to the last, linear {@code amount × k / n} to a campaign with {@code k} of
	 * the {@code n} touches (at {@value #SHARE_SCALE} decimals; rounded once summed).
	 * Campaigns in the order of their first touch.
	 */
	static Map<UUID, Credit> credits(List<UUID> touches, BigDecimal amount) {
		Map<UUID, Integer> counts = new LinkedHashMap<>();
		touches.forEach(campaign -> counts.merge(campaign, 1, Integer::sum));
		UUID first = touches.get(0);
		UUID last = touches.get(touches.size() - 1);
		BigDecimal n = BigDecimal.valueOf(touches.size());
		Map<UUID, Credit> credits = new LinkedHashMap<>();
		counts.forEach((campaign, k) -> credits.put(campaign,
				new Credit(Objects.equals(campaign, first) ? amount : BigDecimal.ZERO.setScale(2),
						Objects.equals(campaign, last) ? amount : BigDecimal.ZERO.setScale(2),
						amount.multiply(BigDecimal.valueOf(k)).divide(n, SHARE_SCALE, RoundingMode.HALF_EVEN))));
		return credits;
	}

	/**
	 * The touches of the batch's contacts before the batch's latest closing, by contact.
	 */
	private Map<UUID, List<CampaignTouch>> touches(UUID workspaceId, List<DealRepository.Closed> batch) {
		List<UUID> contacts = batch.stream()
			.map(DealRepository.Closed::contactId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		Instant before = batch.stream()
			.map(DealRepository.Closed::closedAt)
			.max(Comparator.naturalOrder())
			.orElseThrow();
		Map<UUID, List<CampaignTouch>> byContact = new HashMap<>();
		messages.campaignTouches(workspaceId, contacts, before)
			.forEach(t -> byContact.computeIfAbsent(t.contactId(), c -> new ArrayList<>()).add(t));
		return byContact;
	}

	private record Key(UUID campaignId, String currency) {
	}

	/** Running sums of a campaign (by model) or of a currency (all, unattributed). */
	private static final class Sums {

		long deals;

		long unattributedDeals;

		BigDecimal first = BigDecimal.ZERO.setScale(2);

		BigDecimal last = BigDecimal.ZERO.setScale(2);

		BigDecimal linear = BigDecimal.ZERO.setScale(2);

		BigDecimal total = BigDecimal.ZERO.setScale(2);

		BigDecimal unattributed = BigDecimal.ZERO.setScale(2);

	}

}
