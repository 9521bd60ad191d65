package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.BulkEnrolment;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactBulkJob;
import com.penguinmails.contacts.ContactBulkJobs;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ContactBulkEnrolmentTests {

	@Autowired
	ContactBulkJobs jobs;

	@Autowired
	BulkEnrolment enrolment;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Fixtures fixtures;

	@Test
	void enrolsTheSelectionAndCountsTheEnrolledAndSuppressedAsSkipped() {
		Account account = fixtures.verifiedAccount("bulk-enrol");
		Campaign campaign = campaigns.create(account.owner(), new Draft("Spring outreach", null, null, null, null));
		assertThat(enrolment.campaigns(account.workspaceId()))
			.containsExactly(new BulkEnrolment.Campaign(campaign.id(), "Spring outreach"));
		Contact ada = add(account, "ada@analytical.test");
		Contact bob = add(account, "bob@builder.test");
		Contact cat = add(account, "cat@catalyst.test");
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(ada.id()), null, null);
		suppressions.add(account.owner(), "catalyst.test", "manual");

		ContactBulkJob job = jobs.start(account.owner(), new ContactBulkJobs.Request(BulkAction.ENROL,
				campaign.id().toString(), List.of(ada.id(), bob.id(), cat.id()), null), Instant.now());

		assertThat(job.valueLabel()).isEqualTo("Spring outreach");
		assertThat(job.done()).isEqualTo(1);
		assertThat(job.skipped()).isEqualTo(2);
		assertThat(job.failed()).isZero();
		assertThat(job.progressText()).isEqualTo("1 enrolled, 2 skipped.");
		assertThat(campaigns.recipients(account.owner(), campaign.id()).active()).isEqualTo(2);
	}

	private Contact add(Account account, String email) {
		return contacts.create(account.owner(),
				new NewContact(email, "", "", "", "", "", "", "", "", "", Map.of(), List.of()));
	}

}
