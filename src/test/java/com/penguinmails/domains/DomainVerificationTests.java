package com.penguinmails.domains;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Verification against a real DNS server on loopback that answers real DNS packets. */
@IntegrationTest
class DomainVerificationTests {

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	final TestDnsServer dns = TestDnsServer.shared();

	static String uniqueDomain(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
	}

	private Domain add(Account account, String name) {
		return domains.add(account.owner(), new NewDomain(name, false, "", "include:_spf.google.com"));
	}

	private static RecordCheck record(List<RecordCheck> checks, String purpose) {
		return checks.stream().filter(c -> c.purpose().equals(purpose)).findFirst().orElseThrow();
	}

	/** Publishes the BIND snippet exactly as the wizard shows it. */
	private void publish(String zone) throws Exception {
		TestDnsServer.shared().publishZone(zone);
	}

	@Test
	void theZoneSnippetAsPublishedVerifiesEveryRecord() throws Exception {
		Account account = fixtures.verifiedAccount("dns-ok");
		Domain domain = add(account, uniqueDomain("ok"));
		assertThat(domain.dkimSelector()).matches("pm\\d{6}");
		List<RecordCheck> before = domains.records(account.owner(), domain.id());
		assertThat(before).extracting(RecordCheck::status).containsOnly("missing");
		String zone = domains.zoneSnippet(before);
		// The DKIM value is split into quoted strings of at most 255 bytes.
		assertThat(zone).contains("._domainkey." + domain.name() + ". 3600 IN TXT ( \"v=DKIM1; k=rsa; p=");
		publish(zone);

		Domains.Verification verification = domains.verify(account.owner(), domain.id());
		assertThat(verification.records()).allSatisfy(r -> assertThat(r.status()).as(r.purpose()).isEqualTo("ok"));
		assertThat(verification.domain().status()).isEqualTo(DomainStatus.VERIFIED);
		// SPF 25 + DKIM 25 + DMARC p=none 10 + fresh 20, of 90 (no MX for a domain that
		// receives no mail).
		assertThat(domains.health(account.owner(), domain.id()).score()).isEqualTo(89);

		Record dkim = dnsRecord(record(verification.records(), "dkim").host());
		assertThat(((TXTRecord) dkim).getStrings()).hasSizeGreaterThan(1)
			.allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
	}

	@Test
	void missingRecordsKeepTheDomainPendingAndSayMissing() {
		Account account = fixtures.verifiedAccount("dns-missing");
		Domain domain = add(account, uniqueDomain("missing"));
		Domains.Verification verification = domains.verify(account.owner(), domain.id());
		assertThat(verification.domain().status()).isEqualTo(DomainStatus.PENDING);
		assertThat(record(verification.records(), "spf").status()).isEqualTo("missing");
		assertThat(record(verification.records(), "spf").expected()).isEqualTo("v=spf1 include:_spf.google.com ~all");
		assertThat(record(verification.records(), "dmarc").expected())
			.startsWith("v=DMARC1; p=none; rua=mailto:dmarc-reports@");
	}

	@Test
	void anExistingSpfIsMergedNeverDuplicatedAndWrongOnesAreExplained() {
		Account account = fixtures.verifiedAccount("dns-spf");
		String name = uniqueDomain("spf");
		dns.add(name + ". 300 IN TXT \"v=spf1 include:mailgun.org -all\"");
		Domain domain = add(account, name);
		RecordCheck spf = record(domains.verify(account.owner(), domain.id()).records(), "spf");
		assertThat(spf.status()).isEqualTo("wrong");
		assertThat(spf.expected()).isEqualTo("v=spf1 include:mailgun.org include:_spf.google.com -all");
		assertThat(spf.hints()).anyMatch(h -> h.contains("Add include:_spf.google.com to the existing record"));
	}

	@Test
	void twoSpfRecordsAreWrongAndTheMergeKeepsBoth() {
		Account account = fixtures.verifiedAccount("dns-twospf");
		String name = uniqueDomain("twospf");
		dns.add(name + ". 300 IN TXT \"v=spf1 include:_spf.google.com ~all\"");
		dns.add(name + ". 300 IN TXT \"v=spf1 include:sendgrid.net ~all\"");
		// Two long unrelated TXT records push the answer past 512 bytes: UDP truncates,
		// the query goes again over TCP.
		dns.add(name + ". 300 IN TXT \"site-verification=" + "a".repeat(220) + "\"");
		dns.add(name + ". 300 IN TXT \"other-verification=" + "b".repeat(220) + "\"");
		Domain domain = add(account, name);
		int tcpBefore = dns.tcpQueries();
		RecordCheck spf = record(domains.verify(account.owner(), domain.id()).records(), "spf");
		assertThat(dns.tcpQueries()).isGreaterThan(tcpBefore);
		assertThat(spf.status()).isEqualTo("wrong");
		assertThat(spf.hints().get(0)).contains("There are 2 SPF records");
		assertThat(spf.expected()).isEqualTo("v=spf1 include:_spf.google.com include:sendgrid.net ~all");
	}

	@Test
	void spfPastTheTenLookupLimitIsFlagged() {
		Account account = fixtures.verifiedAccount("dns-lookups");
		String name = uniqueDomain("lookups");
		StringBuilder spf = new StringBuilder("v=spf1");
		for (int i = 0; i < 6; i++) {
			String include = "inc" + i + "." + name;
			spf.append(" include:").append(include);
			// each include costs one, and its own "a" and "mx" two more
			dns.add(include + ". 300 IN TXT \"v=spf1 a mx -all\"");
		}
		dns.add(name + ". 300 IN TXT \"" + spf + " include:_spf.google.com ~all\"");
		Domain domain = add(account, name);
		RecordCheck check = record(domains.verify(account.owner(), domain.id()).records(), "spf");
		assertThat(check.status()).isEqualTo("wrong");
		assertThat(check.hints()).anyMatch(h -> h.contains("DNS look-ups; receivers allow 10"));
	}

	@Test
	void commonDkimAndDmarcMistakesGetHints() {
		Account account = fixtures.verifiedAccount("dns-mistakes");
		String name = uniqueDomain("mistakes");
		Domain domain = add(account, name);
		RecordCheck dkim = record(domains.records(account.owner(), domain.id()), "dkim");
		String p = dkim.expected().substring(dkim.expected().indexOf("p=") + 2);

		// Truncated at 255 characters by a provider.
		dns.add(dkim.host() + ". 300 IN TXT \"" + ("v=DKIM1; k=rsa; p=" + p).substring(0, 255) + "\"");
		// DMARC on the apex instead of _dmarc.
		dns.add(name + ". 300 IN TXT \"v=DMARC1; p=none\"");
		// The tracking CNAME with the domain appended twice.
		dns.add("track." + name + "." + name + ". 300 IN CNAME localhost.");
		List<RecordCheck> checks = domains.verify(account.owner(), domain.id()).records();
		assertThat(record(checks, "dkim").status()).isEqualTo("wrong");
		assertThat(record(checks, "dkim").hints()).anyMatch(h -> h.contains("cut short"));
		assertThat(record(checks, "dmarc").status()).isEqualTo("missing");
		assertThat(record(checks, "dmarc").hints()).anyMatch(h -> h.contains("Move it there"));
		assertThat(record(checks, "tracking").hints()).anyMatch(h -> h.contains("appended the domain"));

		// Pasted with its quotes.
		dns.clear(dkim.host());
		dns.add(dkim.host() + ". 300 IN TXT \"\\\"" + dkim.expected().substring(0, 200) + "\" \""
				+ dkim.expected().substring(200) + "\\\"\"");
		assertThat(record(domains.verify(account.owner(), domain.id()).records(), "dkim").hints())
			.anyMatch(h -> h.contains("quote marks"));
	}

	@Test
	void aDkimKeySplitAcrossTwoTxtRecordsIsNamedAsSuch() {
		Account account = fixtures.verifiedAccount("dns-split");
		Domain domain = add(account, uniqueDomain("split"));
		RecordCheck dkim = record(domains.records(account.owner(), domain.id()), "dkim");
		// Two records (not two strings of one record), as a provider's form with two
		// "value" rows makes.
		dns.add(dkim.host() + ". 300 IN TXT \"" + dkim.expected().substring(0, 200) + "\"");
		dns.add(dkim.host() + ". 300 IN TXT \"" + dkim.expected().substring(200) + "\"");

		RecordCheck checked = record(domains.verify(account.owner(), domain.id()).records(), "dkim");

		assertThat(checked.status()).isEqualTo("wrong");
		assertThat(checked.hints()).singleElement()
			.satisfies(h -> assertThat(h).contains("split across 2 separate TXT records").contains("ONE TXT record"));
	}

	@Test
	void aSplitDkimRecordPastedAsOneQuotedStringIsNamedAsSuch() {
		Account account = fixtures.verifiedAccount("dns-pasted");
		Domain domain = add(account, uniqueDomain("pasted"));
		RecordCheck dkim = record(domains.records(account.owner(), domain.id()), "dkim");
		// What the zone snippet shows, "v=DKIM1; k=rsa; p=MIIB..." "...rest", typed into
		// a provider's single value field: the quotes are data now.
		String typed = "\"" + dkim.expected().substring(0, 230) + "\" \"" + dkim.expected().substring(230) + "\"";
		StringBuilder strings = new StringBuilder();
		for (int i = 0; i < typed.length(); i += 250) {
			strings.append(" \"")
				.append(typed.substring(i, Math.min(typed.length(), i + 250)).replace("\"", "\\\""))
				.append('"');
		}
		dns.add(dkim.host() + ". 300 IN TXT" + strings);

		RecordCheck checked = record(domains.verify(account.owner(), domain.id()).records(), "dkim");

		assertThat(checked.status()).isEqualTo("wrong");
		assertThat(checked.observed()).hasSize(1);
		assertThat(checked.hints()).anyMatch(h -> h.contains("pasted as ONE string, quotes included"));
	}

	@Test
	void aTimeoutIsUnknownAndDoesNotFailAVerifiedDomain() throws Exception {
		Account account = fixtures.verifiedAccount("dns-timeout");
		Domain domain = add(account, uniqueDomain("timeout"));
		publish(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		assertThat(domains.verify(account.owner(), domain.id()).domain().status()).isEqualTo(DomainStatus.VERIFIED);

		dns.silence("_dmarc." + domain.name());
		Domains.Verification later = domains.verify(account.owner(), domain.id());
		assertThat(record(later.records(), "dmarc").status()).isEqualTo("unknown");
		assertThat(record(later.records(), "dmarc").hints()).anyMatch(h -> h.contains("retrying"));
		assertThat(later.domain().status()).isEqualTo(DomainStatus.VERIFIED);
	}

	@Test
	void aRecordThatDisappearsMakesTheDomainFailing() throws Exception {
		Account account = fixtures.verifiedAccount("dns-failing");
		Domain domain = add(account, uniqueDomain("failing"));
		publish(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		domains.verify(account.owner(), domain.id());
		dns.clear(domain.name());
		Domains.Verification later = domains.verify(account.owner(), domain.id());
		assertThat(later.domain().status()).isEqualTo(DomainStatus.FAILING);
		assertThat(record(later.records(), "spf").status()).isEqualTo("missing");
	}

	@Test
	void mxIsExpectedOnlyWhenTheDomainReceivesMail() {
		Account account = fixtures.verifiedAccount("dns-mx");
		String name = uniqueDomain("mx");
		dns.add(name + ". 300 IN MX 10 aspmx.l.google.com.");
		Domain domain = domains.add(account.owner(),
				new NewDomain(name, true, "aspmx.l.google.com, alt1.aspmx.l.google.com", ""));
		RecordCheck mx = record(domains.verify(account.owner(), domain.id()).records(), "mx");
		assertThat(mx.status()).isEqualTo("wrong");
		assertThat(mx.hints()).anyMatch(h -> h.contains("alt1.aspmx.l.google.com."));
	}

	private Record dnsRecord(String host) throws Exception {
		org.xbill.DNS.Message query = org.xbill.DNS.Message.newQuery(Record
			.newRecord(org.xbill.DNS.Name.fromString(host + "."), org.xbill.DNS.Type.TXT, org.xbill.DNS.DClass.IN));
		return dns.answer(query).getSection(org.xbill.DNS.Section.ANSWER).get(0);
	}

}
