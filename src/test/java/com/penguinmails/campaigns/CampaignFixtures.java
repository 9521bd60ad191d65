package com.penguinmails.campaigns;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;

/**
 * What campaign tests need: a verified sending domain (verification itself is tested in
 * domains), mailboxes on it, contacts.
 */
@Component
class CampaignFixtures {

	private final Fixtures fixtures;

	private final Domains domains;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final java.time.Clock clock;

	CampaignFixtures(Fixtures fixtures, Domains domains, Mailboxes mailboxes, Contacts contacts,
			java.time.Clock clock) {
		this.fixtures = fixtures;
		this.domains = domains;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.clock = clock;
	}

	/**
	 * The next Monday 10:00 UTC after now: inside the default sending window (Monday to
	 * Friday, 9 to 17), whatever day the tests run.
	 */
	java.time.Instant monday() {
		return java.time.ZonedDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
			.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0)
			.toInstant();
	}

	/** A domain of the account, marked verified. */
	String verifiedDomain(Account account) {
		String name = "send-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID id = domains.add(account.owner(), new NewDomain(name, false, "", "")).id();
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?")
			.param(id)
			.update();
		return name;
	}

	Mailbox mailbox(Account account, String email, int smtpPort, int dailyCap, int minGap, int maxGap) {
		return mailbox(account, email, smtpPort, dailyCap, minGap, maxGap, email, "secret");
	}

	Mailbox mailbox(Account account, String email, int smtpPort, int dailyCap, int minGap, int maxGap, String login,
			String password) {
		return mailboxes.add(account.owner(), new NewMailbox(email, "Sam Sender", "generic",
				new ServerSettings("127.0.0.1", smtpPort, Security.NONE, login, password),
				new ServerSettings("127.0.0.1", 143, Security.NONE, login, null), "", "", dailyCap, minGap, maxGap));
	}

	Contact contact(Account account, String email, String firstName, String timeZone) {
		return contacts.create(account.owner(), new Contacts.NewContact(email, firstName, "", "Acme", "", "", "", "",
				timeZone, "", Map.of(), List.of()));
	}

}
