package com.penguinmails.templates.internal.lint;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.LintInput;

import static org.assertj.core.api.Assertions.assertThat;

class LinkRulesTests {

	@Test
	void countsDistinctLinksFromHrefsAndBareUrls() {
		LintContent three = Messages.html("Hi", """
				<p>See <a href="https://acme.com/overview">the overview</a> or https://acme.com/overview/.</p>
				<p><a href="https://acme.com/pricing">Pricing</a>, <a href="mailto:sam@acme.com">mail me</a>,
				<a href="#top">top</a>. https://www.acme.com</p>""");
		assertThat(three.distinctUrls()).hasSize(3);
		assertThat(Messages.codes(new LinkCountRule(), three)).isEmpty();
		LintContent four = Messages.text("Hi",
				"https://acme.com/a https://acme.com/b https://acme.com/c and https://acme.com/d.");
		assertThat(Messages.codes(new LinkCountRule(), four)).containsExactly("too-many-links");
	}

	@Test
	void acceptsOwnDomainsTheirSubdomainsAndRegistrableDomain() {
		LintContent content = LintContent.of(new LintInput("Hi", """
				<a href="https://acme.co.uk/a">a</a> <a href="https://www.acme.co.uk/b">b</a>
				<a href="https://links.mail.acme.co.uk/c">c</a> <a href="{{ unsubscribe_url }}">Unsubscribe</a>
				<a href="https://{{ site }}/x">x</a>""", null, false, Set.of("mail.acme.co.uk"), 0));
		assertThat(Messages.run(new LinkDomainRule(), content)).isEmpty();
	}

	@Test
	void warnsOncePerForeignHost() {
		LintContent content = Messages.html("Hi", """
				<a href="https://calendly.com/sam">book</a> <a href="https://calendly.com/sam/15">15 min</a>
				<a href="https://acme.com.evil.example/">acme</a>""");
		assertThat(Messages.run(new LinkDomainRule(), content)).extracting(Finding::message)
			.containsExactly("A link to calendly.com, not one of your domains (acme.com)",
					"A link to acme.com.evil.example, not one of your domains (acme.com)");
	}

	@Test
	void judgesNoDomainWhenNoOwnDomainIsKnown() {
		LintContent content = LintContent
			.of(new LintInput("Hi", "<a href=\"https://calendly.com/sam\">book</a>", null, false, Set.of(), 0));
		assertThat(Messages.run(new LinkDomainRule(), content)).isEmpty();
	}

	@Test
	void warnsOfShortenersInsteadOfForeignDomains() {
		LintContent content = Messages.text("Hi", "Slides: https://bit.ly/3xYz and https://www.tinyurl.com/abc");
		assertThat(Messages.codes(new LinkDomainRule(), content)).containsExactly("url-shortener", "url-shortener");
	}

	@Test
	void warnsOfVagueLinkTexts() {
		LintContent content = Messages.html("Hi", """
				<p><a href="https://acme.com/a">Click here!</a> <a href="https://acme.com/b">Learn more →</a>
				<a href="https://acme.com/c">the pricing page</a> <a href="https://acme.com/d">here</a></p>""");
		assertThat(Messages.run(new LinkTextRule(), content)).extracting(Finding::message)
			.containsExactly("A link reads “click here”", "A link reads “learn more”", "A link reads “here”");
	}

	@Test
	void asksForAnUnsubscribeLinkFrom500Recipients() {
		String body = "<p>Hi Ada, a short note about your hiring.</p>";
		assertThat(Messages.codes(new UnsubscribeRule(), recipients(body, 499))).isEmpty();
		assertThat(Messages.codes(new UnsubscribeRule(), recipients(body, 500))).containsExactly("missing-unsubscribe");
		assertThat(Messages.codes(new UnsubscribeRule(),
				recipients(body + "<p><a href=\"{{ unsubscribe_url }}\">Opt out</a></p>", 5000)))
			.isEmpty();
		assertThat(Messages.codes(new UnsubscribeRule(),
				recipients(body + "<p><a href=\"https://acme.com/prefs\">Unsubscribe</a></p>", 5000)))
			.isEmpty();
	}

	private static LintContent recipients(String html, int recipients) {
		return LintContent.of(new LintInput("Hi", html, null, false, Set.of("acme.com"), recipients));
	}

}
