package com.penguinmails.warmup;

import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;

/**
 * What placement tests need: more mailboxes of a sender's workspace on the test JVM's
 * GreenMail, a draft campaign with one step, and IMAP access as a seed's user.
 */
@Component
class PlacementFixtures {

	private final Mailboxes mailboxes;

	private final Campaigns campaigns;

	PlacementFixtures(Mailboxes mailboxes, Campaigns campaigns) {
		this.mailboxes = mailboxes;
		this.campaigns = campaigns;
	}

	/** Another mailbox of the sender's workspace, on its domain, on GreenMail. */
	Mailbox mailbox(Sender sender, String localPart) {
		String domain = sender.mailbox().email().substring(sender.mailbox().email().indexOf('@') + 1);
		String email = localPart + "@" + domain;
		InboundFixtures.mail().setUser(email, email, "secret");
		return mailboxes.add(sender.account().owner(),
				new NewMailbox(email, "Seed " + localPart, "generic",
						new ServerSettings("127.0.0.1", InboundFixtures.mail().getSmtp().getPort(), Security.NONE,
								email, "secret"),
						new ServerSettings("127.0.0.1", InboundFixtures.mail().getImap().getPort(), Security.NONE,
								email, "secret"),
						"", "", 30, 0, 0));
	}

	/**
	 * A draft campaign of the sender with one step "Quick question for {{ first_name }}".
	 */
	Campaign campaign(Sender sender) {
		return campaigns.create(sender.account().owner(),
				new Draft("Placement " + UUID.randomUUID(), Schedule.defaults(), null, List.of(sender.mailbox().id()),
						List.of(new Step(0, false,
								List.of(new Variant("Quick question for {{ first_name }}",
										"<p>Hi {{ first_name }}, do you have a minute this week?</p>", null)))),
						Campaign.Tracking.off()));
	}

	/** An IMAP session as the seed's GreenMail user; the caller closes it. */
	static Store imap(String email) throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("127.0.0.1", InboundFixtures.mail().getImap().getPort(), email, "secret");
		return store;
	}

	/** Messages in the seed's folder (0 when it does not exist). */
	static int count(String email, String folderName) throws Exception {
		try (Store store = imap(email)) {
			Folder folder = store.getFolder(folderName);
			return folder.exists() ? folder.getMessageCount() : 0;
		}
	}

}
