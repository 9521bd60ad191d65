package com.penguinmails.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.EnrolmentRepository;
import com.penguinmails.campaigns.internal.StepRenderer;
import com.penguinmails.domains.Domains;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Content;
import com.penguinmails.templates.Lint;
import com.penguinmails.templates.LintInput;
import com.penguinmails.templates.LintReport;
import com.penguinmails.templates.Previews;
import com.penguinmails.templates.Previews.Preview;
import com.penguinmails.templates.SpamAssassinReport;
import com.penguinmails.templates.Templates;

/**
 * The deliverability lint of a campaign's step (issue 14): each variant rendered as the
 * campaign would send it, for the sample contact and from the pool's first mailbox, then
 * checked by {@link Lint} with the pool's sending domains and their tracking hosts as the
 * own domains and the campaign's recipients as its size. A linked variant is checked with
 * its template's latest version. Nothing here blocks a launch.
 */
@Service
public class StepLint {

	/**
	 * One variant's findings.
	 *
	 * @param variant its letter, A to E
	 * @param subject the subject as rendered for the sample contact
	 * @param report the lint's findings and score; null when the variant has no body yet
	 * @param spamAssassin SpamAssassin's score for the message as it would be sent, when
	 * asked and installed; else null
	 */
	public record VariantLint(String variant, String subject, LintReport report, SpamAssassinReport spamAssassin) {
	}

	/**
	 * What to check besides the rules.
	 *
	 * @param links fetch every link (HEAD, then GET; 5 s each, at most 20; never private
	 * addresses) and report the broken ones
	 * @param spamAssassin run SpamAssassin (local tests, up to 30 s) on each variant,
	 * where installed
	 */
	public record Checks(boolean links, boolean spamAssassin) {

		public static Checks rulesOnly() {
			return new Checks(false, false);
		}

	}

	/**
	 * One variant's strict check over the campaign's active recipients.
	 *
	 * @param variant its letter, A to E
	 * @param report who lacks which value (the first {@link Previews#CONTACTS_CHECKED}
	 * recipients looked at); null when the variant has no body yet
	 */
	public record VariantMissing(String variant, Previews.MissingReport report) {
	}

	private final Campaigns campaigns;

	private final EnrolmentRepository enrolments;

	private final StepRenderer renderer;

	private final Previews previews;

	private final Lint lint;

	private final Mailboxes mailboxes;

	private final Domains domains;

	StepLint(Campaigns campaigns, EnrolmentRepository enrolments, StepRenderer renderer, Previews previews, Lint lint,
			Mailboxes mailboxes, Domains domains) {
		this.campaigns = campaigns;
		this.enrolments = enrolments;
		this.renderer = renderer;
		this.previews = previews;
		this.lint = lint;
		this.mailboxes = mailboxes;
		this.domains = domains;
	}

	/**
	 * Lints step {@code n} (from 1) of campaign {@code id}: as saved, or as
	 * {@code edited} when given (the editor's unsaved content).
	 * @param checks what to run besides the rules
	 * @return one entry per variant, in order
	 * @throws NotFoundProblem for an unknown campaign or step
	 * @throws com.penguinmails.shared.InvalidInputProblem {@code invalid-liquid} for a
	 * template that does not parse
	 */
	public List<VariantLint> lint(Tenant tenant, UUID id, int n, Step edited, Checks checks) {
		Campaign campaign = campaigns.get(tenant, id);
		Step step = step(campaign, n, edited);
		List<Mailbox> pool = campaign.mailboxIds().stream().map(mailbox -> mailboxes.get(tenant, mailbox)).toList();
		Set<String> own = ownDomains(tenant, pool);
		Campaigns.Recipients counts = campaigns.recipients(tenant, id);
		int recipients = (int) Math.min(Integer.MAX_VALUE, counts.active() + counts.completed() + counts.stopped());
		Map<String, Object> sender = pool.isEmpty() ? null : Templates.sender(pool.get(0));
		List<Content> contents = contents(tenant, campaign, n, step);
		List<VariantLint> results = new ArrayList<>();
		for (int v = 0; v < contents.size(); v++) {
			Content content = contents.get(v);
			if (content == null) {
				results.add(new VariantLint(letter(v), step.variants().get(v).subject(), null, null));
				continue;
			}
			Preview preview = previews.preview(tenant, content, null, sender, campaign.schedule().timeZone());
			LintReport report = lint.check(new LintInput(preview.subject(), preview.html(), preview.text(),
					content.plainText(), own, recipients));
			if (checks.links()) {
				report = report.with(Lint.brokenLinks(lint.checkLinks(preview.html(), preview.text())));
			}
			SpamAssassinReport score = null;
			if (checks.spamAssassin()) {
				String from = pool.isEmpty() ? "sender@example.com" : pool.get(0).email();
				score = lint.spamAssassin(lint.rawMessage(from, preview.subject(), preview.html(), preview.text()))
					.orElse(null);
			}
			results.add(new VariantLint(letter(v), preview.subject(), report, score));
		}
		return results;
	}

	/**
	 * The strict check of step {@code n} (as saved, or as {@code edited}) for the
	 * campaign's active recipients: per variant, who would not get it for a variable
	 * without a value and without a default.
	 * @throws NotFoundProblem for an unknown campaign or step
	 */
	public List<VariantMissing> missing(Tenant tenant, UUID id, int n, Step edited) {
		Campaign campaign = campaigns.get(tenant, id);
		Step step = step(campaign, n, edited);
		List<UUID> recipients = enrolments.sample(tenant.workspaceId(), id, Previews.CONTACTS_CHECKED);
		Map<String, Object> sender = campaign.mailboxIds().isEmpty() ? null
				: Templates.sender(mailboxes.get(tenant, campaign.mailboxIds().get(0)));
		List<Content> contents = contents(tenant, campaign, n, step);
		List<VariantMissing> results = new ArrayList<>();
		for (int v = 0; v < contents.size(); v++) {
			Content content = contents.get(v);
			results.add(new VariantMissing(letter(v),
					content == null ? null : previews.missing(tenant, content, recipients, sender)));
		}
		return results;
	}

	/**
	 * A step's variant rendered for the sample contact (plausible values for every field)
	 * from the campaign's first mailbox, as the campaign sends it but without tracking or
	 * unsubscribe links: the message of a placement test.
	 *
	 * @param html null for a plain-text step
	 */
	public record Sample(String subject, String html, String text) {
	}

	/**
	 * Renders variant {@code v} of step {@code n} (both from 1) of campaign {@code id}.
	 * @throws NotFoundProblem for an unknown campaign, step or variant, or a variant with
	 * no body yet
	 * @throws com.penguinmails.shared.InvalidInputProblem {@code invalid-liquid} for a
	 * template that does not parse
	 */
	public Sample sample(Tenant tenant, UUID id, int n, int v) {
		Campaign campaign = campaigns.get(tenant, id);
		Step step = step(campaign, n, null);
		List<Content> contents = contents(tenant, campaign, n, step);
		if (v < 1 || v > contents.size() || contents.get(v - 1) == null) {
			throw new NotFoundProblem("Variant");
		}
		Map<String, Object> sender = campaign.mailboxIds().isEmpty() ? null
				: Templates.sender(mailboxes.get(tenant, campaign.mailboxIds().get(0)));
		Preview preview = previews.preview(tenant, contents.get(v - 1), null, sender, campaign.schedule().timeZone());
		return new Sample(preview.subject(), preview.html(), preview.text());
	}

	/** Step {@code n} (from 1) as saved, or {@code edited} when given. */
	private static Step step(Campaign campaign, int n, Step edited) {
		if (n < 1 || n > campaign.steps().size()) {
			throw new NotFoundProblem("Step");
		}
		return edited == null ? campaign.steps().get(n - 1) : edited;
	}

	/**
	 * Each variant as it is sent (a linked one with its template's latest version), as
	 * the content a preview renders; null for a variant with no body yet.
	 */
	private List<Content> contents(Tenant tenant, Campaign campaign, int n, Step step) {
		boolean plain = step.formatOrDefault() == StepFormat.TEXT;
		List<Content> contents = new ArrayList<>();
		for (Variant written : step.variants()) {
			Variant variant = renderer.resolve(tenant.workspaceId(), written).orElse(written);
			contents.add(variant.empty() ? null
					: new Content(subject(campaign, n, step, variant), variant.html(), variant.text(), plain));
		}
		return contents;
	}

	private static String letter(int v) {
		return String.valueOf((char) ('A' + v));
	}

	/**
	 * The subject sent: a same-thread follow-up's is "Re: " the first step's (as the
	 * scheduler sends it), any other its own.
	 */
	private static String subject(Campaign campaign, int n, Step step, Variant variant) {
		if (n > 1 && !step.newThread() && !campaign.steps().isEmpty()
				&& !campaign.steps().get(0).variants().isEmpty()) {
			return "Re: " + campaign.steps().get(0).variants().get(0).subject();
		}
		return variant.subject();
	}

	/** True when SpamAssassin is installed here (its score can be asked). */
	public boolean spamAssassinInstalled() {
		return lint.spamAssassinInstalled();
	}

	/** The pool's sending domains and each one's tracking host. */
	private Set<String> ownDomains(Tenant tenant, List<Mailbox> pool) {
		Set<String> own = new LinkedHashSet<>();
		for (Mailbox mailbox : pool) {
			String domain = mailbox.email().substring(mailbox.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
			own.add(domain);
			domains.trackingHost(tenant.workspaceId(), domain).ifPresent(own::add);
		}
		return own;
	}

}
