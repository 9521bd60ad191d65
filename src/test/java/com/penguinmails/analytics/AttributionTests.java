package com.penguinmails.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.shared.Tenant;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revenue attribution over real sends: campaigns launched and sent by the real scheduler
 * and dispatcher to GreenMail, deals recorded against the contact, then first touch, last
 * touch and linear shares per campaign, per currency.
 */
@IntegrationTest
class AttributionTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Deals deals;

	@Autowired
	RevenueAttribution attribution;

	/** Monday 10:00 UTC of next week: the campaigns' sends happen from then on. */
	final Instant monday = InboundFixtures.monday();

	static List<Step> steps(int... delaysInDays) {
		return java.util.Arrays.stream(delaysInDays)
			.mapToObj(days -> new Step(days * 24 * 60, false, List.of(new Variant("Hello", "<p>Hi</p>", null))))
			.toList();
	}

	Campaign launch(Sender sender, String name, UUID contactId, List<Step> steps) {
		Tenant owner = sender.account().owner();
		Campaign campaign = campaigns.create(owner,
				new Draft(name, Schedule.defaults(), null, List.of(sender.mailbox().id()), steps));
		campaigns.addRecipients(owner, campaign.id(), List.of(contactId), null, null);
		return campaigns.launch(owner, campaign.id());
	}

	/** The scheduler and the dispatcher run at {@code at}: what is due is sent then. */
	void runAt(Instant at) {
		scheduler.tick(at);
		while (dispatcher.dispatch(at, 100) > 0) {
			// drain
		}
	}

	void deal(Tenant owner, String email, String amount, String currency, Instant closedAt) {
		deals.record(owner, new Deals.NewDeal(null, email, "Deal", new BigDecimal(amount), currency, closedAt, null),
				DealSource.API);
	}

	AnalyticsFilter week() {
		LocalDate day = monday.atOffset(ZoneOffset.UTC).toLocalDate();
		return new AnalyticsFilter(day.minusDays(7), day.plusDays(7), ZoneOffset.UTC, Set.of(), Set.of(), null, null,
				null, null, null, null);
	}

	static RevenueAttribution.CampaignRevenue row(RevenueAttribution.Revenue revenue, Campaign campaign,
			String currency) {
		return revenue.campaigns()
			.stream()
			.filter(r -> r.campaignId().equals(campaign.id()) && r.currency().equals(currency))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row for " + campaign.name() + " in " + currency));
	}

	@Test
	void touchesByABAThenADealCreditEachModelAndKeepCurrenciesApart() throws Exception {
		Sender sender = setup.sender("attribution");
		Tenant owner = sender.account().owner();
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID adaId = contacts.create(owner, CampaignFiguresFixture.person(ada, "Ada", "Lovelace", "Engines")).id();

		// A's first step on Monday, B on Tuesday, A's second step on Wednesday.
		Campaign a = launch(sender, "Campaign A", adaId, steps(0, 2));
		runAt(monday.plusSeconds(60));
		Campaign b = launch(sender, "Campaign B", adaId, steps(0));
		runAt(monday.plus(Duration.ofDays(1)).plusSeconds(60));
		runAt(monday.plus(Duration.ofDays(2)).plusSeconds(120));
		List<UUID> order = fixtures.jdbc()
			.sql("SELECT campaign_id FROM outbox WHERE contact_id = ? AND status = 'sent' ORDER BY sent_at")
			.param(adaId)
			.query(UUID.class)
			.list();
		assertThat(order).containsExactly(a.id(), b.id(), a.id());

		// The deals close on Thursday, in euros and in dollars; then C mails Ada on
		// Friday.
		Instant thursday = monday.plus(Duration.ofDays(3));
		deal(owner, ada, "300.00", "EUR", thursday);
		deal(owner, ada, "90.00", "USD", thursday.plusSeconds(3600));
		Campaign c = launch(sender, "Campaign C", adaId, steps(0));
		runAt(monday.plus(Duration.ofDays(4)).plusSeconds(60));
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM outbox WHERE campaign_id = ? AND status = 'sent'")
			.param(c.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		RevenueAttribution.Revenue linear = attribution.revenue(owner, week(), AttributionModel.LINEAR);
		RevenueAttribution.CampaignRevenue aEur = row(linear, a, "EUR");
		RevenueAttribution.CampaignRevenue bEur = row(linear, b, "EUR");
		// First touch: all to A; last touch: all to A (its Wednesday step); linear 2/3,
		// 1/3.
		assertThat(aEur.firstTouch()).isEqualByComparingTo("300.00");
		assertThat(aEur.lastTouch()).isEqualByComparingTo("300.00");
		assertThat(aEur.linear()).isEqualByComparingTo("200.00");
		assertThat(bEur.firstTouch()).isEqualByComparingTo("0");
		assertThat(bEur.lastTouch()).isEqualByComparingTo("0");
		assertThat(bEur.linear()).isEqualByComparingTo("100.00");
		assertThat(aEur.deals()).isEqualTo(1);
		assertThat(aEur.revenue()).isEqualByComparingTo("200.00");
		// C's message came after the deals closed: no credit, no row.
		assertThat(linear.campaigns()).noneMatch(r -> r.campaignId().equals(c.id()));
		// Dollars are their own rows and totals, never added to euros.
		assertThat(row(linear, a, "USD").linear()).isEqualByComparingTo("60.00");
		assertThat(row(linear, b, "USD").linear()).isEqualByComparingTo("30.00");
		assertThat(linear.totals()).extracting(RevenueAttribution.CurrencyTotal::currency)
			.containsExactly("EUR", "USD");
		assertThat(linear.totals().get(0).revenue()).isEqualByComparingTo("300.00");
		assertThat(linear.totals().get(1).revenue()).isEqualByComparingTo("90.00");
		// Highest revenue first, by the model chosen.
		assertThat(linear.campaigns().get(0).campaignId()).isEqualTo(a.id());

		RevenueAttribution.Revenue first = attribution.revenue(owner, week(), AttributionModel.FIRST_TOUCH);
		assertThat(row(first, a, "EUR").revenue()).isEqualByComparingTo("300.00");
		assertThat(row(first, b, "EUR").revenue()).isEqualByComparingTo("0");
		RevenueAttribution.Revenue last = attribution.revenue(owner, week(), AttributionModel.LAST_TOUCH);
		assertThat(row(last, a, "EUR").revenue()).isEqualByComparingTo("300.00");

		// The campaign filter keeps B's rows only.
		RevenueAttribution.Revenue onlyB = attribution.revenue(owner, new AnalyticsFilter(week().from(), week().to(),
				ZoneOffset.UTC, Set.of(b.id()), Set.of(), null, null, null, null, null, null), AttributionModel.LINEAR);
		assertThat(onlyB.campaigns()).allMatch(r -> r.campaignId().equals(b.id())).hasSize(2);

		// The API gives the same figures.
		Api api = fixtures.api(sender.account(), "analytics:read");
		LocalDate day = monday.atOffset(ZoneOffset.UTC).toLocalDate();
		Api.Response response = api.get("/api/v1/analytics/revenue", "model", "first_touch", "from",
				day.minusDays(7).toString(), "to", day.plusDays(7).toString(), "zone", "UTC");
		assertThat(response.status()).isEqualTo(200);
		JsonNode top = response.body().get("campaigns").get(0);
		assertThat(top.get("campaignName").asText()).isEqualTo("Campaign A");
		assertThat(top.get("currency").asText()).isEqualTo("EUR");
		assertThat(top.get("revenue").decimalValue()).isEqualByComparingTo("300.00");
		assertThat(response.body().get("model").asText()).isEqualTo("first_touch");
		assertThat(api.get("/api/v1/analytics/revenue", "model", "u-shaped").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/analytics/revenue", "from", "2026-11-10", "to", "2026-11-01").status())
			.isEqualTo(400);
	}

	@Test
	void aDealClosedBeforeAnyTouchIsUnattributed() {
		Sender sender = setup.sender("attribution-none");
		Tenant owner = sender.account().owner();
		String bo = "bo-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID boId = contacts.create(owner, CampaignFiguresFixture.person(bo, "Bo", "", "")).id();
		deal(owner, bo, "50.00", "EUR", monday.minus(Duration.ofDays(1)));
		Campaign a = launch(sender, "Later campaign", boId, steps(0));
		runAt(monday.plusSeconds(60));

		RevenueAttribution.Revenue revenue = attribution.revenue(owner, week(), AttributionModel.LAST_TOUCH);
		assertThat(revenue.campaigns()).isEmpty();
		assertThat(revenue.totals()).singleElement().satisfies(total -> {
			assertThat(total.currency()).isEqualTo("EUR");
			assertThat(total.deals()).isEqualTo(1);
			assertThat(total.unattributedDeals()).isEqualTo(1);
			assertThat(total.unattributedRevenue()).isEqualByComparingTo("50.00");
		});
		assertThat(a.id()).isNotNull();
	}

	@Test
	void linearSharesAreExactFractionsRoundedOnceSummed() {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		Map<UUID, RevenueAttribution.Credit> credits = RevenueAttribution.credits(List.of(a, b, a, c),
				new BigDecimal("100.00"));
		assertThat(credits.keySet()).containsExactly(a, b, c);
		assertThat(credits.get(a).linear()).isEqualByComparingTo("50");
		assertThat(credits.get(b).linear()).isEqualByComparingTo("25");
		assertThat(credits.get(a).firstTouch()).isEqualByComparingTo("100.00");
		assertThat(credits.get(c).lastTouch()).isEqualByComparingTo("100.00");
		assertThat(credits.get(a).lastTouch()).isEqualByComparingTo("0");

		Map<UUID, RevenueAttribution.Credit> thirds = RevenueAttribution.credits(List.of(a, b, c),
				new BigDecimal("100.00"));
		BigDecimal sum = thirds.values()
			.stream()
			.map(RevenueAttribution.Credit::linear)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(sum.setScale(2, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("100.00");
	}

}
