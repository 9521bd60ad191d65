package com.penguinmails.reputation.internal.dmarc;

import java.time.Instant;
import java.util.List;

/**
 * What one DMARC aggregate report says: RFC 7489 Appendix C's {@code feedback} document,
 * or RFC 9990's (which replaced it in 2026, with the same elements and a namespace).
 * Strings are as the report wrote them, stripped (empty elements are {@code null});
 * results, policies and dispositions are lower case; domain names are lower case without
 * a final dot; IP addresses are in canonical text (IPv6 as RFC 5952 §4 writes it, an
 * IPv4-mapped address as its IPv4). Read by {@link AggregateReports}.
 *
 * @param orgName the reporter ({@code report_metadata/org_name}, e.g. "google.com")
 * @param email the reporter's contact address, or {@code null}
 * @param reportId the reporter's id of the report; with {@code orgName} it names the
 * report
 * @param begin start of the period covered ({@code date_range/begin}, seconds since the
 * epoch)
 * @param end end of the period covered
 * @param policy the DMARC record the reporter found
 * @param rows one per source IP and result combination
 * @param warnings what was wrong but did not stop the read (a record skipped for a
 * negative count or a source that is no IP address, an unknown result word, a date
 * written as text, the reporter's own {@code error} notes), in words, each once with how
 * often, at most 20
 */
public record AggregateReport(String orgName, String email, String reportId, Instant begin, Instant end,
		PolicyPublished policy, List<Row> rows, List<String> warnings) {

	/**
	 * The {@code policy_published} element.
	 *
	 * @param domain the domain the DMARC record was found for
	 * @param adkim DKIM alignment, {@code r} or {@code s}, or {@code null}
	 * @param aspf SPF alignment, {@code r} or {@code s}, or {@code null}
	 * @param p the policy: {@code none}, {@code quarantine} or {@code reject}
	 * @param sp the subdomain policy, or {@code null}
	 * @param pct the percentage the policy applied to (RFC 7489), or {@code null} (RFC
	 * 9990 drops it)
	 * @param np the non-existent subdomain policy (RFC 9990), or {@code null}
	 * @param testing RFC 9990's {@code t} tag ({@code y} or {@code n}), or {@code null}
	 */
	public record PolicyPublished(String domain, String adkim, String aspf, String p, String sp, Integer pct, String np,
			String testing) {
	}

	/**
	 * One {@code record}: how many messages one source IP sent as the domain and what
	 * happened to them.
	 *
	 * @param sourceIp the connecting IP address
	 * @param count how many messages
	 * @param disposition what the receiver did: {@code none}, {@code quarantine} or
	 * {@code reject} ({@code pass} in some reporters' files is read as none)
	 * @param dkim the DMARC DKIM result ({@code policy_evaluated/dkim}): {@code pass}
	 * means an aligned DKIM pass; {@code fail} (with a warning) when the reporter left it
	 * out
	 * @param spf the DMARC SPF result ({@code policy_evaluated/spf}): {@code pass} means
	 * an aligned SPF pass
	 * @param reasons {@code policy_evaluated/reason/type} values (e.g. {@code forwarded},
	 * {@code local_policy}), lower case
	 * @param headerFrom {@code identifiers/header_from} (the policy domain, with a
	 * warning, when the reporter left it out)
	 * @param envelopeFrom {@code identifiers/envelope_from}, or {@code null}
	 * @param envelopeTo {@code identifiers/envelope_to}, or {@code null}
	 * @param dkimResults the raw DKIM results ({@code auth_results/dkim})
	 * @param spfResults the raw SPF results ({@code auth_results/spf})
	 */
	public record Row(String sourceIp, long count, String disposition, String dkim, String spf, List<String> reasons,
			String headerFrom, String envelopeFrom, String envelopeTo, List<AuthResult> dkimResults,
			List<AuthResult> spfResults) {

		/** DMARC passed: an aligned DKIM or SPF pass (RFC 7489 §6.6.2). */
		public boolean passed() {
			return "pass".equals(dkim) || "pass".equals(spf);
		}

	}

	/**
	 * One raw authentication result.
	 *
	 * @param domain the {@code d=} domain (DKIM) or the checked domain (SPF)
	 * @param selector the DKIM selector, or {@code null}
	 * @param result {@code pass}, {@code fail}, {@code softfail}, {@code neutral},
	 * {@code none}, {@code temperror}, {@code permerror} or {@code policy}
	 * @param scope SPF's {@code mfrom} or {@code helo}, or {@code null}
	 */
	public record AuthResult(String domain, String selector, String result, String scope) {
	}

}
