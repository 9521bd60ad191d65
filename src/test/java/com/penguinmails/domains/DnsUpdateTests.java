package com.penguinmails.domains;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * RFC 2136 updates signed with TSIG, sent to the loopback DNS server, then seen by
 * queries.
 */
@IntegrationTest
class DnsUpdateTests {

	static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	final TestDnsServer dns = TestDnsServer.shared().acceptUpdates("penguinmails-key", SECRET);

	@Test
	void aSignedUpdatePublishesTheRecordsAndTheNextQuerySeesThem() {
		Account account = fixtures.verifiedAccount("ddns");
		String name = "ddns-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		// The domain already has an SPF record and an unrelated TXT record, which must
		// survive.
		dns.add(name + ". 300 IN TXT \"v=spf1 include:mailgun.org -all\"");
		dns.add(name + ". 300 IN TXT \"google-site-verification=abc\"");
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", "include:_spf.google.com"));
		domains.configureDnsUpdate(account.owner(), domain.id(),
				new DnsUpdateSettings(dns.address(), name, "penguinmails-key", "hmac-sha256", SECRET));

		Domains.Verification published = domains.publish(account.owner(), domain.id());

		assertThat(published.domain().status()).isEqualTo(DomainStatus.VERIFIED);
		assertThat(published.records()).allSatisfy(r -> assertThat(r.status()).as(r.purpose()).isEqualTo("ok"));
		RecordCheck spf = published.records().stream().filter(r -> r.purpose().equals("spf")).findFirst().orElseThrow();
		assertThat(spf.observed()).containsExactly("v=spf1 include:mailgun.org include:_spf.google.com -all");
		assertThat(domains.records(account.owner(), domain.id())).allMatch(RecordCheck::ok);
		org.xbill.DNS.Message query;
		try {
			query = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record
				.newRecord(org.xbill.DNS.Name.fromString(name + "."), org.xbill.DNS.Type.TXT, org.xbill.DNS.DClass.IN));
		}
		catch (org.xbill.DNS.TextParseException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(dns.answer(query).getSection(org.xbill.DNS.Section.ANSWER)).extracting(Object::toString)
			.anyMatch(r -> r.contains("google-site-verification=abc"));
	}

	@Test
	void aWrongSecretIsRefusedWithAClearReasonAndChangesNothing() {
		Account account = fixtures.verifiedAccount("ddns-wrong");
		String name = "ddns-wrong-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));
		domains.configureDnsUpdate(account.owner(), domain.id(), new DnsUpdateSettings(dns.address(), name,
				"penguinmails-key", "hmac-sha256", Base64.getEncoder().encodeToString("not the secret".getBytes())));
		assertThatThrownBy(() -> domains.publish(account.owner(), domain.id())).isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("NOTAUTH")
			.hasMessageContaining("TSIG");
		assertThat(domains.records(account.owner(), domain.id())).noneMatch(RecordCheck::ok);
	}

	@Test
	void theSecretIsNeverReturnedAndIsEncryptedAtRest() throws Exception {
		Account account = fixtures.verifiedAccount("ddns-api");
		String key = fixtures.apiKey(account, "domains:write");
		String name = "ddns-api-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));
		MvcResult saved = mvc
			.perform(put("/api/v1/domains/" + domain.id() + "/dns-update").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"server\":\"" + dns.address() + "\",\"keyName\":\"penguinmails-key\",\"secret\":\"" + SECRET
						+ "\"}"))
			.andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(200);
		assertThat(saved.getResponse().getContentAsString()).contains("\"zone\":\"" + name + "\"")
			.doesNotContain(SECRET);
		byte[] stored = fixtures.jdbc()
			.sql("SELECT tsig_secret FROM domains WHERE id = ?")
			.param(domain.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
		assertThat(mvc.perform(get("/api/v1/domains/" + domain.id()).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(SECRET);
		MvcResult badZone = mvc
			.perform(put("/api/v1/domains/" + domain.id() + "/dns-update").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"server\":\"" + dns.address() + "\",\"zone\":\"other.test\",\"keyName\":\"k\",\"secret\":\""
						+ SECRET + "\"}"))
			.andReturn();
		assertThat(badZone.getResponse().getStatus()).isEqualTo(400);
	}

}
