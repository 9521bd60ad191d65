package com.penguinmails.reputation.internal.dmarc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import com.penguinmails.reputation.DmarcDomainView;
import com.penguinmails.reputation.DmarcDomainView.Fix;
import com.penguinmails.reputation.DmarcDomainView.PassRate;
import com.penguinmails.reputation.DmarcDomainView.Source;
import com.penguinmails.reputation.DmarcDomainView.SourceGroup;
import com.penguinmails.reputation.DmarcDomainView.SourceKind;

/**
 * Reads a domain's summed report rows: pass rates, sources grouped (ours, forwarders,
 * others), failures to fix, and the policy recommendation. Pure: no database, no network.
 */
public final class DmarcAnalysis {

	/** The window of the groups, fixes and recommendation, in days. */
	public static final int WINDOW_DAYS = 30;

	private DmarcAnalysis() {
	}

	/**
	 * The view of {@code domain}.
	 * @param rows the domain's rows of the last 90 days (at least), summed per day,
	 * source and reporter
	 * @param ours whether an IP is one of our sources
	 * @param names reverse names of IPs, when known
	 * @param policyDays per day of the last 30, the policies its reports found
	 * @param policy the latest report's policy, or {@code null}
	 * @param today the last day counted (UTC)
	 */
	public static DmarcDomainView analyse(UUID domainId, String domain, List<DmarcStore.Source> rows,
			Predicate<String> ours, Map<String, String> names, Map<LocalDate, java.util.Set<String>> policyDays,
			String policy, LocalDate today) {
		List<PassRate> rates = List.of(rate(rows, 7, today), rate(rows, 30, today), rate(rows, 90, today));
		LocalDate from = today.minusDays(WINDOW_DAYS - 1);
		List<DmarcStore.Source> window = rows.stream().filter(r -> !r.day().isBefore(from)).toList();
		List<Source> sources = sources(window, ours, names);
		List<SourceGroup> groups = new ArrayList<>();
		for (SourceKind kind : SourceKind.values()) {
			List<Source> of = sources.stream().filter(s -> s.kind() == kind).toList();
			long messages = of.stream().mapToLong(Source::messages).sum();
			long passed = of.stream().mapToLong(Source::passed).sum();
			groups.add(new SourceGroup(kind, messages, passed, ratio(passed, messages), of));
		}
		List<Fix> fixes = DmarcFixes.of(domain, window, sources);
		int daysOfData = (int) window.stream().map(DmarcStore.Source::day).distinct().count();
		int daysAtPolicy = policy == null ? 0
				: (int) policyDays.entrySet()
					.stream()
					.filter(e -> !e.getKey().isBefore(from) && e.getValue().contains(policy))
					.count();
		return new DmarcDomainView(domainId, domain, policy, rates, groups, fixes,
				DmarcPolicyAdvice.recommend(policy, daysOfData, daysAtPolicy, groups), null);
	}

	private static PassRate rate(List<DmarcStore.Source> rows, int days, LocalDate today) {
		LocalDate from = today.minusDays(days - 1);
		long messages = 0;
		long passed = 0;
		for (DmarcStore.Source row : rows) {
			if (!row.day().isBefore(from) && !row.day().isAfter(today)) {
				messages += row.messages();
				passed += row.passed();
			}
		}
		return new PassRate(days, messages, passed, ratio(passed, messages));
	}

	/** One entry per IP, busiest first. */
	private static List<Source> sources(List<DmarcStore.Source> window, Predicate<String> ours,
			Map<String, String> names) {
		Map<String, long[]> sums = new LinkedHashMap<>();
		Map<String, TreeSet<String>> reporters = new LinkedHashMap<>();
		for (DmarcStore.Source row : window) {
			long[] sum = sums.computeIfAbsent(row.ip(), ip -> new long[5]);
			sum[0] += row.messages();
			sum[1] += row.passed();
			sum[2] += row.dkimAligned();
			sum[3] += row.spfAligned();
			sum[4] += row.forwarded();
			reporters.computeIfAbsent(row.ip(), ip -> new TreeSet<>()).add(row.reporter());
		}
		List<Source> sources = new ArrayList<>();
		sums.forEach((ip, sum) -> sources.add(new Source(ip, names.get(ip), kind(ip, sum, ours), sum[0], sum[1], sum[2],
				sum[3], List.copyOf(reporters.get(ip)))));
		sources.sort(Comparator.comparingLong(Source::messages).reversed().thenComparing(Source::ip));
		return sources;
	}

	/**
	 * Ours by address; a forwarder when the receiver said so (RFC 7489 Appendix C's
	 * {@code forwarded}, {@code trusted_forwarder}, {@code mailing_list}) for most of its
	 * mail, or when DKIM passed aligned while SPF did not (forwarding keeps the
	 * signature, not the envelope's SPF); anyone else otherwise.
	 */
	private static SourceKind kind(String ip, long[] sum, Predicate<String> ours) {
		if (ours.test(ip)) {
			return SourceKind.OURS;
		}
		boolean said = sum[4] * 2 > sum[0];
		boolean dkimOnly = sum[2] * 2 > sum[0] && sum[3] * 2 < sum[0];
		return said || dkimOnly ? SourceKind.FORWARDER : SourceKind.OTHER;
	}

	static Double ratio(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}

}
