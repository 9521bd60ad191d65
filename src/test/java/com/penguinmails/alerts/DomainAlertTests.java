package com.penguinmails.alerts;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class DomainAlertTests {

	@Autowired
	Domains domains;

	@Autowired
	Alerts alerts;

	@Autowired
	Fixtures fixtures;

	@Test
	void aDomainThatStartsFailingAlertsInTheAppAndEmailsOwnerAndAdminsOnly() throws Exception {
		Account owner = fixtures.verifiedAccount("alert-owner");
		Account admin = fixtures.verifiedAccount("alert-admin");
		Account member = fixtures.verifiedAccount("alert-member");
		fixtures.join(owner, admin, WorkspaceRole.ADMIN);
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		Domain domain = domains.add(owner.owner(),
				new NewDomain("alert-" + UUID.randomUUID().toString().substring(0, 8) + ".test", false, "", ""));
		String zone = domains.zoneSnippet(domains.records(owner.owner(), domain.id()));
		TestDnsServer.shared().publishZone(zone);
		domains.verify(owner.owner(), domain.id());
		TestDnsServer.shared().clear("_dmarc." + domain.name());
		domains.verify(owner.owner(), domain.id());

		await().untilAsserted(() -> assertThat(alerts.recent(owner.owner(), 10)).extracting(Alert::title)
			.contains(domain.name() + " is failing DNS verification", domain.name() + " is verified"));
		// Each has its sign-up mail; owner and admin get the 2 alerts too, the member
		// none.
		await().untilAsserted(() -> assertThat(fixtures.mailsTo(admin.email())).isEqualTo(3));
		assertThat(fixtures.mailsTo(owner.email())).isEqualTo(3);
		assertThat(fixtures.mailsTo(member.email())).isEqualTo(1);

		WebSession session = fixtures.signedIn(member);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());
		String page = session.get("/alerts").getResponse().getContentAsString();
		assertThat(page).contains("is failing DNS verification").contains("Alerts (2)");
		session.post("/alerts/read");
		assertThat(session.get("/alerts").getResponse().getContentAsString()).doesNotContain("Alerts (2)");
	}

}
