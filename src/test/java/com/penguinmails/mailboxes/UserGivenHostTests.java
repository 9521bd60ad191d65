package com.penguinmails.mailboxes;

import java.net.InetAddress;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.RawSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * SSRF: a host a user gives that points into our machine or a private network is refused
 * with a 400 naming the address class, before any connection. The test configuration
 * allows 127.0.0.1 and ::1 only (for GreenMail and the test DNS server), so 127.0.0.2 and
 * private addresses stand for what production refuses.
 */
@IntegrationTest
class UserGivenHostTests {

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void aMailboxConnectionTestToALoopbackAddressIsRefusedWithoutConnecting() throws Exception {
		Account account = fixtures.verifiedAccount("ssrf-mbx");
		String key = fixtures.apiKey(account, "mailboxes:read", "mailboxes:write");
		try (RawSmtpServer server = new RawSmtpServer(InetAddress.getByName("127.0.0.2"))) {
			String email = "jo-" + UUID.randomUUID().toString().substring(0, 6) + "@ssrf.test";
			Mailbox mailbox = mailboxes.add(account.owner(), new NewMailbox(email, "Jo", "generic",
					new ServerSettings("127.0.0.2", server.port(), Security.NONE, email, "pw"),
					new ServerSettings("127.0.0.2", server.port(), Security.NONE, email, null), "", "", 30, 60, 300));

			MvcResult tested = mvc
				.perform(post("/api/v1/mailboxes/" + mailbox.id() + "/test").header("Authorization", "Bearer " + key))
				.andReturn();

			assertThat(tested.getResponse().getStatus()).isEqualTo(400);
			assertThat(tested.getResponse().getContentAsString()).contains("address-not-allowed")
				.contains("127.0.0.2")
				.contains("loopback");
			assertThat(server.connections).isZero();
		}
	}

	@Test
	void aDnsUpdateServerOnAPrivateNetworkIsRefused() throws Exception {
		Account account = fixtures.verifiedAccount("ssrf-dns");
		String key = fixtures.apiKey(account, "domains:read", "domains:write");
		String name = "ssrf-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(account.owner(), new NewDomain(name, false, "", ""));
		mvc.perform(put("/api/v1/domains/" + domain.id() + "/dns-update").header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"server\":\"[::ffff:10.1.2.3]:53\",\"keyName\":\"k\",\"secret\":\"c2VjcmV0c2VjcmV0\"}"))
			.andReturn();

		MvcResult published = mvc
			.perform(post("/api/v1/domains/" + domain.id() + "/publish").header("Authorization", "Bearer " + key))
			.andReturn();

		assertThat(published.getResponse().getStatus()).isEqualTo(400);
		assertThat(published.getResponse().getContentAsString()).contains("address-not-allowed").contains("private");
	}

}
