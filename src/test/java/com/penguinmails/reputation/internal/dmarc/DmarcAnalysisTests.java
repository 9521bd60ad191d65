package com.penguinmails.reputation.internal.dmarc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.DmarcDomainView;
import com.penguinmails.reputation.DmarcDomainView.SourceKind;
import com.penguinmails.reputation.DmarcDomainView.Step;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-domain reading of report rows, without Spring: pass rates per period, sources
 * grouped, failures to fix with their advice, and the policy recommendation's rules.
 */
class DmarcAnalysisTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

	static final Predicate<String> OURS = ip -> ip.startsWith("192.0.2.");

	/** messages, passed, dkim aligned, spf aligned, forwarded. */
	static DmarcStore.Source row(int daysAgo, String ip, long messages, long passed, long dkim, long spf,
			long forwarded) {
		return new DmarcStore.Source(TODAY.minusDays(daysAgo), ip, "google.com", messages, passed, dkim, spf, forwarded,
				"example.com=" + (dkim > 0 ? "pass" : "fail"), "example.com=" + (spf > 0 ? "pass" : "fail"),
				"example.com");
	}

	static DmarcDomainView analyse(List<DmarcStore.Source> rows, String policy) {
		Map<LocalDate, Set<String>> policyDays = new HashMap<>();
		rows.forEach(r -> policyDays.put(r.day(), Set.of(policy)));
		return DmarcAnalysis.analyse(UUID.randomUUID(), "example.com", rows, OURS,
				Map.of("192.0.2.1", "mail.example.com"), policyDays, policy, TODAY);
	}

	@Test
	void passRatesCountEachPeriodEndingToday() {
		List<DmarcStore.Source> rows = List.of(row(0, "192.0.2.1", 100, 90, 90, 90, 0),
				row(20, "192.0.2.1", 100, 50, 50, 50, 0), row(60, "192.0.2.1", 100, 0, 0, 0, 0),
				row(100, "192.0.2.1", 100, 0, 0, 0, 0));

		DmarcDomainView view = analyse(rows, "none");

		assertThat(view.passRates())
			.extracting(DmarcDomainView.PassRate::days, DmarcDomainView.PassRate::messages,
					DmarcDomainView.PassRate::passed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(7, 100L, 90L),
					org.assertj.core.groups.Tuple.tuple(30, 200L, 140L),
					org.assertj.core.groups.Tuple.tuple(90, 300L, 140L));
		assertThat(view.passRates().get(1).rate()).isEqualTo(0.7);
	}

	@Test
	void groupsSourcesAsOursForwardersAndOthers() {
		List<DmarcStore.Source> rows = List.of(row(1, "192.0.2.1", 500, 500, 500, 500, 0),
				row(1, "198.51.100.7", 40, 40, 40, 0, 0), row(1, "198.51.100.8", 10, 0, 0, 0, 10),
				row(1, "203.0.113.9", 30, 0, 0, 0, 0));

		DmarcDomainView view = analyse(rows, "none");

		assertThat(view.groups()).extracting(DmarcDomainView.SourceGroup::kind, DmarcDomainView.SourceGroup::messages)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(SourceKind.OURS, 500L),
					org.assertj.core.groups.Tuple.tuple(SourceKind.FORWARDER, 50L),
					org.assertj.core.groups.Tuple.tuple(SourceKind.OTHER, 30L));
		assertThat(view.groups().get(0).sources().get(0).reverseName()).isEqualTo("mail.example.com");
		assertThat(view.groups().get(1).sources()).extracting(DmarcDomainView.Source::ip)
			.containsExactly("198.51.100.7", "198.51.100.8");
	}

	@Test
	void failuresOfOurServersComeFirstWithWhatToChange() {
		List<DmarcStore.Source> rows = new ArrayList<>();
		rows.add(new DmarcStore.Source(TODAY, "192.0.2.1", "google.com", 100, 0, 0, 0, 0, "esp.example.net=pass",
				"example.com=softfail", "example.com"));
		rows.add(row(0, "192.0.2.2", 100, 100, 100, 0, 0));
		rows.add(row(0, "203.0.113.9", 30, 0, 0, 0, 0));

		List<DmarcDomainView.Fix> fixes = analyse(rows, "none").fixes();

		assertThat(fixes)
			.extracting(DmarcDomainView.Fix::ip, DmarcDomainView.Fix::check, DmarcDomainView.Fix::dmarcFailed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("192.0.2.1", "DKIM", true),
					org.assertj.core.groups.Tuple.tuple("192.0.2.1", "SPF", true),
					org.assertj.core.groups.Tuple.tuple("203.0.113.9", "DKIM", true),
					org.assertj.core.groups.Tuple.tuple("192.0.2.2", "SPF", false));
		assertThat(fixes.get(0).advice()).contains("d=esp.example.net").contains("not aligned with example.com");
		assertThat(fixes.get(1).advice()).contains("add ip4:192.0.2.1");
		assertThat(fixes.get(2).advice()).contains("Not one of our servers");
	}

	@Test
	void waitsForFourteenDaysAndAHundredMessages() {
		List<DmarcStore.Source> rows = new ArrayList<>();
		for (int d = 0; d < 13; d++) {
			rows.add(row(d, "192.0.2.1", 100, 100, 100, 100, 0));
		}

		DmarcDomainView.Recommendation wait = analyse(rows, "none").recommendation();
		rows.add(row(13, "192.0.2.1", 100, 100, 100, 100, 0));
		DmarcDomainView.Recommendation move = analyse(rows, "none").recommendation();

		assertThat(wait.step()).isEqualTo(Step.WAIT);
		assertThat(wait.summary()).contains("13 of the last 30 days had reports at this policy (needs 14)");
		assertThat(move.step()).isEqualTo(Step.MOVE);
		assertThat(move.next()).isEqualTo("quarantine");
		assertThat(move.evidence().daysOfData()).isEqualTo(14);
		assertThat(move.evidence().ourPassRate()).isEqualTo(1.0);
	}

	@Test
	void asksToFixOurFailuresBeforeAStricterPolicyAndShowsUnknownSources() {
		List<DmarcStore.Source> rows = new ArrayList<>();
		for (int d = 0; d < 20; d++) {
			rows.add(row(d, "192.0.2.1", 100, d == 0 ? 50 : 100, 100, 100, 0));
			rows.add(row(d, "203.0.113.9", 5, 0, 0, 0, 0));
		}

		DmarcDomainView.Recommendation fix = analyse(rows, "quarantine").recommendation();

		assertThat(fix.step()).isEqualTo(Step.FIX);
		assertThat(fix.summary()).contains("our servers pass 97.5%").contains("p=reject");
		assertThat(fix.evidence().unknownSources()).isEqualTo(1);
		assertThat(fix.evidence().unknownFailed()).isEqualTo(100);
	}

	@Test
	void movesQuarantineToRejectAndKeepsReject() {
		List<DmarcStore.Source> rows = new ArrayList<>();
		for (int d = 0; d < 20; d++) {
			rows.add(row(d, "192.0.2.1", 100, 100, 100, 100, 0));
			rows.add(row(d, "203.0.113.9", 5, 0, 0, 0, 0));
		}

		DmarcDomainView.Recommendation move = analyse(rows, "quarantine").recommendation();

		assertThat(move.step()).isEqualTo(Step.MOVE);
		assertThat(move.next()).isEqualTo("reject");
		assertThat(move.summary()).contains("no unknown source (1)").contains("would be refused");
		// Our servers' own count (2,000), not all messages (2,100), with all messages
		// said apart.
		assertThat(move.summary()).contains("our servers passed 100.0% of their 2000 messages")
			.contains("20 of the last 30 days had reports at this policy, with 2100 messages from all sources");
		assertThat(analyse(rows, "reject").recommendation().step()).isEqualTo(Step.KEEP);
		assertThat(analyse(List.of(), null).recommendation().step()).isEqualTo(Step.WAIT);
	}

	@Test
	void ourSourcesMatchAddressesAndCidrRanges() {
		byte[][] v4 = OurSources.range("192.0.2.0/24").orElseThrow();
		byte[][] v6 = OurSources.range("2001:db8::/32").orElseThrow();

		assertThat(OurSources.within(OurSources.parse("192.0.2.77").orElseThrow(), v4)).isTrue();
		assertThat(OurSources.within(OurSources.parse("192.0.3.1").orElseThrow(), v4)).isFalse();
		assertThat(OurSources.within(OurSources.parse("2001:db8:1::5").orElseThrow(), v6)).isTrue();
		assertThat(OurSources.within(OurSources.parse("192.0.2.77").orElseThrow(), v6)).isFalse();
		assertThat(OurSources.parse("mail.example.com")).isEmpty();
		assertThat(OurSources.range("192.0.2.1/x")).isEmpty();
	}

}
