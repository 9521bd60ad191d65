package com.penguinmails.templates;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.templates.internal.lint.ContrastRule;
import com.penguinmails.templates.internal.lint.ImageRule;
import com.penguinmails.templates.internal.lint.LinkChecker;
import com.penguinmails.templates.internal.lint.LinkCountRule;
import com.penguinmails.templates.internal.lint.LinkDomainRule;
import com.penguinmails.templates.internal.lint.LinkTextRule;
import com.penguinmails.templates.internal.lint.LintContent;
import com.penguinmails.templates.internal.lint.LintRule;
import com.penguinmails.templates.internal.lint.LintSettings;
import com.penguinmails.templates.internal.lint.PunctuationRule;
import com.penguinmails.templates.internal.lint.RawMessages;
import com.penguinmails.templates.internal.lint.ReadabilityRule;
import com.penguinmails.templates.internal.lint.SpamAssassinRunner;
import com.penguinmails.templates.internal.lint.SpamPhraseRule;
import com.penguinmails.templates.internal.lint.SubjectRule;
import com.penguinmails.templates.internal.lint.TextPartRule;
import com.penguinmails.templates.internal.lint.UnsubscribeRule;

/**
 * The deliverability lint: findings and a score for one message before it is saved or
 * launched. Nothing here blocks a launch; every finding says what was found and why it
 * matters. The rules (codes, thresholds) are those of issue 14, one class each under
 * {@code internal.lint}: spam phrases, links (count, foreign domains, shorteners, vague
 * text, unsubscribe), images (count, image-only, alt text), the text part, the subject
 * (capitals, length), punctuation, contrast (WCAG 2.1 §1.4.3), readability
 * (Flesch-Kincaid) and length. Links are fetched only on request
 * ({@link #checkLinks(String, String)}), and SpamAssassin runs only where installed
 * ({@link #spamAssassin(String)}).
 */
@Service
public class Lint {

	/** The most time one link's request may take. */
	public static final Duration LINK_TIMEOUT = Duration.ofSeconds(5);

	/** The most time SpamAssassin may take on one message. */
	public static final Duration SPAMASSASSIN_TIMEOUT = Duration.ofSeconds(30);

	private final List<LintRule> rules;

	private final LinkChecker links;

	private final SpamAssassinRunner spamAssassin;

	private final Clock clock;

	@Autowired
	Lint(NetworkPolicy policy, LintSettings settings, Clock clock) {
		this(new LinkChecker(policy, LINK_TIMEOUT),
				new SpamAssassinRunner(settings.spamassassin(), SPAMASSASSIN_TIMEOUT), clock);
	}

	/** A lint with the given link checker and SpamAssassin runner (tests). */
	public Lint(LinkChecker links, SpamAssassinRunner spamAssassin, Clock clock) {
		this.rules = List.of(SpamPhraseRule.shipped(), new SubjectRule(), new PunctuationRule(), new LinkCountRule(),
				new LinkDomainRule(), new LinkTextRule(), new UnsubscribeRule(), new ImageRule(), new TextPartRule(),
				new ContrastRule(), new ReadabilityRule());
		this.links = links;
		this.spamAssassin = spamAssassin;
		this.clock = clock;
	}

	/**
	 * The findings and score of one message (no network: links are not fetched).
	 */
	public LintReport check(LintInput input) {
		LintContent content = LintContent.of(input);
		List<Finding> findings = new ArrayList<>();
		for (LintRule rule : rules) {
			rule.check(content, findings);
		}
		return LintReport.of(findings, ReadabilityRule.measure(content.visibleText()));
	}

	/**
	 * Fetches the http(s) links of a body (the {@code href}s of {@code html} and the bare
	 * URLs of its text and of {@code text}; links whose host is a Liquid expression left
	 * out), each once, at most 20, with a 5 s timeout each. See {@link LinkChecker}.
	 * @return one result per distinct link, in order
	 */
	public List<LinkCheck> checkLinks(String html, String text) {
		String h = html == null ? "" : html;
		LintContent content = LintContent.of(new LintInput("", h, text, h.isBlank(), Set.of(), 0));
		Map<String, String> urls = new LinkedHashMap<>();
		for (LintContent.Link link : content.links()) {
			String lower = link.url().toLowerCase(Locale.ROOT);
			if ((lower.startsWith("http://") || lower.startsWith("https://")) && !link.liquidHost()
					&& !link.url().contains("{{")) {
				urls.putIfAbsent(lower.replaceAll("/$", ""), link.url());
			}
		}
		return links.check(List.copyOf(urls.values()));
	}

	/** A {@code broken-link} warning for each broken link of {@code checks}. */
	public static List<Finding> brokenLinks(List<LinkCheck> checks) {
		return checks.stream()
			.filter(LinkCheck::broken)
			.map(c -> Finding.warning("broken-link",
					"A broken link: " + c.url() + " (" + (c.status() != null ? "HTTP " + c.status() : c.error()) + ")",
					"A link that fails makes the message look careless or abandoned, and filters notice "
							+ "dead domains. Fix the address or remove the link."))
			.toList();
	}

	/**
	 * SpamAssassin's verdict on a raw RFC 5322 message (see
	 * {@link #rawMessage(String, String, String, String)}); empty when SpamAssassin is
	 * not installed ({@code penguinmails.lint.spamassassin}, default: found on the PATH).
	 * @throws LintUnavailable ({@code spamassassin-failed}) when it takes over 30 s or
	 * answers no report
	 */
	public Optional<SpamAssassinReport> spamAssassin(String rawMessage) {
		return spamAssassin.run(rawMessage.getBytes(StandardCharsets.UTF_8));
	}

	/** True when SpamAssassin is installed here. */
	public boolean spamAssassinInstalled() {
		return spamAssassin.executable().isPresent();
	}

	/**
	 * The message a step would send, as RFC 5322 text: From and To {@code from}, the
	 * subject, the text part (derived from the HTML when blank) and the HTML as
	 * multipart/alternative, or text/plain alone when {@code html} is blank.
	 * @throws com.penguinmails.shared.InvalidInputProblem ({@code invalid-from}) when
	 * {@code from} is not an address
	 */
	public String rawMessage(String from, String subject, String html, String text) {
		String plain = text == null || text.isBlank() ? (html == null ? "" : LintContent.textOf(html)) : text;
		return new String(RawMessages.build(from, subject, html, plain, clock), StandardCharsets.UTF_8);
	}

}
