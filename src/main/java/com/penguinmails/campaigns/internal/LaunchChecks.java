package com.penguinmails.campaigns.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Rendered;

/**
 * Why a campaign cannot start (or resume) yet, every reason in words a person acts on: no
 * steps, no mailboxes, a mailbox deleted, paused or in error, a sending domain not in the
 * workspace or not verified (the sandbox needs none), no recipients, a template variable
 * without a value for some of the first 200 recipients.
 */
@Component
public class LaunchChecks {

	/** The reason given when a campaign has nobody to send to. */
	public static final String NO_RECIPIENTS = "no recipients: add contacts, a list or a segment";

	private static final int SAMPLE = 200;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final EnrolmentRepository enrolments;

	private final StepRenderer renderer;

	LaunchChecks(Mailboxes mailboxes, Contacts contacts, EnrolmentRepository enrolments, StepRenderer renderer) {
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.enrolments = enrolments;
		this.renderer = renderer;
	}

	/**
	 * Every reason {@code campaign} of {@code workspaceId} cannot start; empty when it
	 * can.
	 */
	public List<String> problems(UUID workspaceId, Campaign campaign) {
		// Reads on the campaign's behalf: the caller may use campaigns without the
		// mailboxes or contacts scopes; the workspace stays the caller's.
		Tenant inside = Tenant.system(workspaceId);
		List<String> reasons = new ArrayList<>();
		if (campaign.steps().isEmpty()) {
			reasons.add("it has no steps");
		}
		reasons.addAll(unwritten(workspaceId, campaign));
		if (campaign.mailboxIds().isEmpty()) {
			reasons.add("it has no mailboxes");
		}
		Mailbox sender = null;
		for (UUID mailboxId : campaign.mailboxIds()) {
			Optional<Mailbox> mailbox = mailbox(inside, mailboxId);
			if (mailbox.isEmpty()) {
				reasons.add("a mailbox of the campaign was deleted");
				continue;
			}
			sender = sender == null ? mailbox.get() : sender;
			reasons.addAll(mailboxProblems(inside, mailbox.get()));
		}
		List<UUID> sample = enrolments.sample(workspaceId, campaign.id(), SAMPLE);
		if (sample.isEmpty()) {
			reasons.add(NO_RECIPIENTS);
		}
		reasons.addAll(missingValues(workspaceId, campaign, contacts.byIds(inside, sample).values(), sender));
		return reasons;
	}

	private Optional<Mailbox> mailbox(Tenant inside, UUID id) {
		try {
			return Optional.of(mailboxes.get(inside, id));
		}
		catch (NotFoundProblem ex) {
			return Optional.empty();
		}
	}

	private List<String> mailboxProblems(Tenant inside, Mailbox mailbox) {
		List<String> reasons = new ArrayList<>();
		if (mailbox.status() == MailboxStatus.ERROR) {
			reasons.add("mailbox " + mailbox.email() + " is in error ("
					+ (mailbox.lastError() == null ? "test it again" : mailbox.lastError()) + ")");
		}
		else if (mailbox.status() == MailboxStatus.PAUSED) {
			reasons.add("mailbox " + mailbox.email() + " is paused");
		}
		if (mailboxes.catchesAll(mailbox)) {
			// The sandbox catches its mail: nothing leaves, no DNS authentication needed.
			return reasons;
		}
		var domain = mailboxes.domainOf(inside, mailbox);
		String domainName = mailbox.email().substring(mailbox.email().indexOf('@') + 1);
		if (domain.isEmpty()) {
			reasons.add("the domain " + domainName + " of " + mailbox.email()
					+ " is not a domain of this workspace (add and verify it)");
		}
		else if (domain.get().status() != DomainStatus.VERIFIED) {
			reasons.add("the domain " + domainName + " is not verified (" + domain.get().status().value() + ")");
		}
		return reasons;
	}

	/**
	 * "Step 3 has no body", "Step 1 has no subject", "Step 2 variant B is linked to a
	 * template that was deleted".
	 */
	private List<String> unwritten(UUID workspaceId, Campaign campaign) {
		List<String> reasons = new ArrayList<>();
		for (int s = 0; s < campaign.steps().size(); s++) {
			Campaign.Step step = campaign.steps().get(s);
			for (int v = 0; v < step.variants().size(); v++) {
				Variant variant = step.variants().get(v);
				String where = "Step " + (s + 1) + (step.variants().size() > 1 ? " variant " + (char) ('A' + v) : "");
				Optional<Variant> content = renderer.resolve(workspaceId, variant);
				if (content.isEmpty()) {
					reasons.add(where + " is linked to a template that was deleted (unlink it or use another)");
				}
				else if (content.get().empty()) {
					reasons.add(where + " has no body");
				}
				else if ((s == 0 || step.newThread())
						&& (content.get().subject() == null || content.get().subject().isBlank())) {
					reasons.add(where + " has no subject");
				}
			}
		}
		return reasons;
	}

	/** "step 2 variant B: no value for first_name for 3 recipients (e.g. ...)". */
	private List<String> missingValues(UUID workspaceId, Campaign campaign, java.util.Collection<Contact> recipients,
			Mailbox sender) {
		Map<String, List<String>> missing = new LinkedHashMap<>();
		Map<Variant, Optional<Variant>> resolved = new java.util.HashMap<>();
		for (Contact contact : recipients) {
			for (int s = 0; s < campaign.steps().size(); s++) {
				List<Variant> variants = campaign.steps().get(s).variants();
				for (int v = 0; v < variants.size(); v++) {
					Optional<Variant> content = resolved.computeIfAbsent(variants.get(v),
							variant -> renderer.resolve(workspaceId, variant));
					if (content.isEmpty() || content.get().empty()) {
						continue;
					}
					Rendered rendered = renderer.render(content.get(), contact, sender, "UTC", null);
					String where = "step " + (s + 1) + (variants.size() > 1 ? " variant " + (char) ('A' + v) : "");
					for (String variable : rendered.missing()) {
						missing.computeIfAbsent(where + ": no value for " + variable, key -> new ArrayList<>())
							.add(contact.email());
					}
				}
			}
		}
		List<String> reasons = new ArrayList<>();
		missing.forEach((problem, emails) -> reasons.add(problem + " for " + emails.size() + " recipient"
				+ (emails.size() == 1 ? "" : "s") + " (e.g. " + emails.get(0) + "; give it a default)"));
		return reasons;
	}

}
