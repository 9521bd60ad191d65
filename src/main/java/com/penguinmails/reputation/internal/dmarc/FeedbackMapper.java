package com.penguinmails.reputation.internal.dmarc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the parts of one {@code feedback} document into an {@link AggregateReport}, part
 * by part as the XML reader hands them over ({@code record}s one at a time, so a large
 * report is never held as XML). Element names are RFC 7489 Appendix C's, which RFC 9990
 * kept. What is missing or odd but not needed is a warning; what the report cannot be
 * named or dated without is a {@link Refused}.
 */
final class FeedbackMapper {

	private static final Set<String> DISPOSITIONS = Set.of("none", "quarantine", "reject");

	private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");

	private final ReportLimits limits;

	private final Warnings warnings = new Warnings();

	private final List<AggregateReport.Row> rows = new ArrayList<>();

	private XmlNode metadata;

	private XmlNode policy;

	private int records;

	FeedbackMapper(ReportLimits limits) {
		this.limits = limits;
	}

	/**
	 * Whether the XML reader should build this top-level element (others are skipped).
	 */
	static boolean wanted(String localName) {
		return "report_metadata".equals(localName) || "policy_published".equals(localName)
				|| "record".equals(localName);
	}

	Warnings warnings() {
		return this.warnings;
	}

	void accept(XmlNode part) {
		switch (part.name()) {
			case "report_metadata" -> this.metadata = this.metadata == null ? part : this.metadata;
			case "policy_published" -> this.policy = this.policy == null ? part : this.policy;
			case "record" -> record(part);
			default -> {
			}
		}
	}

	private void record(XmlNode record) {
		this.records++;
		if (this.records > this.limits.records()) {
			throw new Refused("more than " + this.limits.records() + " records in one report");
		}
		try {
			this.rows.add(row(record));
		}
		catch (IllegalArgumentException ex) {
			this.warnings.add("record skipped: " + ex.getMessage());
		}
	}

	AggregateReport build() {
		if (this.metadata == null) {
			throw new Refused("no report_metadata");
		}
		if (this.policy == null) {
			throw new Refused("no policy_published");
		}
		String email = this.metadata.text("email");
		String orgName = this.metadata.text("org_name");
		if (orgName == null && email != null && email.contains("@")) {
			orgName = ReportValues.domain(email.substring(email.lastIndexOf('@') + 1));
			this.warnings.add("no org_name: the reporter is named after its email address");
		}
		if (orgName == null) {
			throw new Refused("no report_metadata/org_name");
		}
		String reportId = this.metadata.text("report_id");
		if (reportId == null) {
			throw new Refused("no report_metadata/report_id");
		}
		// RFC 9990: report_metadata/error says what the reporter could not do.
		for (XmlNode error : this.metadata.children("error")) {
			if (error.text() != null) {
				this.warnings.add("the reporter noted: " + ReportValues.shorten(error.text()));
			}
		}
		Instant[] range = dateRange(this.metadata.child("date_range"));
		if (this.rows.isEmpty()) {
			this.warnings.add("the report has no usable record");
		}
		return new AggregateReport(orgName, email, reportId, range[0], range[1], policyPublished(),
				List.copyOf(this.rows), this.warnings.list());
	}

	private Instant[] dateRange(XmlNode range) {
		String beginText = range == null ? null : range.text("begin");
		if (beginText == null) {
			throw new Refused("no report_metadata/date_range/begin");
		}
		Instant begin;
		Instant end;
		try {
			begin = ReportValues.time(beginText, this.warnings);
			String endText = range.text("end");
			if (endText == null) {
				this.warnings.add("no date_range/end: read as one day after begin");
				end = begin.plusSeconds(86_400);
			}
			else {
				end = ReportValues.time(endText, this.warnings);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new Refused(ex.getMessage());
		}
		if (end.isBefore(begin)) {
			this.warnings.add("date_range end is before begin: the two were swapped");
			return new Instant[] { end, begin };
		}
		return new Instant[] { begin, end };
	}

	private AggregateReport.PolicyPublished policyPublished() {
		String domain = ReportValues.domain(this.policy.text("domain"));
		if (domain == null) {
			throw new Refused("no policy_published/domain");
		}
		String p = ReportValues.lower(this.policy.text("p"));
		if (p != null && !POLICIES.contains(p)) {
			this.warnings.add("unknown policy p=" + ReportValues.shorten(p));
		}
		Integer pct = null;
		String pctText = this.policy.text("pct");
		if (pctText != null) {
			try {
				pct = Integer.valueOf(pctText);
			}
			catch (NumberFormatException ex) {
				this.warnings.add("pct \"" + ReportValues.shorten(pctText) + "\" is not a number; ignored");
			}
		}
		// RFC 9990 names the t tag's element "testing"; a few drafts wrote "t".
		String testing = this.policy.text("testing") != null ? this.policy.text("testing") : this.policy.text("t");
		return new AggregateReport.PolicyPublished(domain, ReportValues.lower(this.policy.text("adkim")),
				ReportValues.lower(this.policy.text("aspf")), p, ReportValues.lower(this.policy.text("sp")), pct,
				ReportValues.lower(this.policy.text("np")), ReportValues.lower(testing));
	}

	private AggregateReport.Row row(XmlNode record) {
		XmlNode row = record.child("row");
		if (row == null) {
			throw new IllegalArgumentException("no row");
		}
		String sourceIpText = row.text("source_ip");
		if (sourceIpText == null) {
			throw new IllegalArgumentException("no source_ip");
		}
		String sourceIp = ReportValues.ip(sourceIpText);
		if (sourceIp == null) {
			throw new IllegalArgumentException("source_ip is not an IP address");
		}
		long count = count(row.text("count"));
		XmlNode evaluated = row.child("policy_evaluated");
		String disposition = disposition(evaluated == null ? null : evaluated.text("disposition"));
		String dkim = evaluated(evaluated, "dkim");
		String spf = evaluated(evaluated, "spf");
		List<String> reasons = new ArrayList<>(0);
		if (evaluated != null) {
			for (XmlNode reason : evaluated.children("reason")) {
				String type = ReportValues.lower(reason.text("type"));
				if (type != null) {
					reasons.add(type);
				}
			}
		}
		XmlNode identifiers = record.child("identifiers");
		String headerFrom = identifiers == null ? null : ReportValues.domain(identifiers.text("header_from"));
		if (headerFrom == null) {
			this.warnings.add("a record has no header_from: read as the policy domain");
			headerFrom = this.policy == null ? null : ReportValues.domain(this.policy.text("domain"));
		}
		XmlNode auth = record.child("auth_results");
		return new AggregateReport.Row(sourceIp, count, disposition, dkim, spf, List.copyOf(reasons), headerFrom,
				identifiers == null ? null : ReportValues.domain(identifiers.text("envelope_from")),
				identifiers == null ? null : ReportValues.domain(identifiers.text("envelope_to")),
				authResults(auth, "dkim"), authResults(auth, "spf"));
	}

	private long count(String text) {
		if (text == null) {
			throw new IllegalArgumentException("no count");
		}
		long count;
		try {
			count = Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("count is not a whole number");
		}
		if (count < 0) {
			throw new IllegalArgumentException("negative count");
		}
		return count;
	}

	private String disposition(String text) {
		String disposition = ReportValues.lower(text);
		if (disposition == null) {
			this.warnings.add("a record has no disposition: read as none");
			return "none";
		}
		// RFC 9990 and some reporters write "pass" for a message DMARC let through.
		if ("pass".equals(disposition)) {
			return "none";
		}
		if (!DISPOSITIONS.contains(disposition)) {
			this.warnings.add("unknown disposition \"" + ReportValues.shorten(disposition) + "\"");
		}
		return disposition;
	}

	private String evaluated(XmlNode evaluated, String check) {
		String result = evaluated == null ? null : ReportValues.lower(evaluated.text(check));
		if (result == null) {
			this.warnings.add("a record has no policy_evaluated/" + check + ": read as fail");
			return "fail";
		}
		if (!"pass".equals(result) && !"fail".equals(result)) {
			this.warnings
				.add("policy_evaluated/" + check + " is \"" + ReportValues.shorten(result) + "\", not pass or fail");
		}
		return result;
	}

	private List<AggregateReport.AuthResult> authResults(XmlNode auth, String kind) {
		if (auth == null) {
			return List.of();
		}
		List<XmlNode> entries = auth.children(kind);
		List<AggregateReport.AuthResult> results = new ArrayList<>(entries.size());
		for (XmlNode entry : entries) {
			boolean spf = "spf".equals(kind);
			results.add(new AggregateReport.AuthResult(ReportValues.domain(entry.text("domain")),
					spf ? null : entry.text("selector"), ReportValues.authResult(entry.text("result"), this.warnings),
					spf ? ReportValues.lower(entry.text("scope")) : null));
		}
		return List.copyOf(results);
	}

	/** The report cannot be read; the message is the reason for the page. */
	static final class Refused extends RuntimeException {

		Refused(String reason) {
			super(reason, null, false, false);
		}

	}

}
