package com.penguinmails.templates.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.LinkCheck;
import com.penguinmails.templates.Lint;
import com.penguinmails.templates.LintInput;
import com.penguinmails.templates.LintReport;
import com.penguinmails.templates.LintUnavailable;
import com.penguinmails.templates.SpamAssassinReport;

/**
 * The deliverability lint over HTTP: findings and a score for a subject and body, link
 * checks on request, and SpamAssassin's score where it is installed. Bodies of more than
 * 1,000,000 characters and requests without a subject or a body are 400 problems.
 */
@RestController
@RequestMapping(path = "/api/v1/lint", produces = "application/json")
@Tag(name = "Lint", description = "Deliverability lint: findings, link checks, SpamAssassin")
@SecurityRequirement(name = "apiKey")
class LintApi {

	/**
	 * @param subject the subject (rendered, or with Liquid left in)
	 * @param html the HTML body (ignored when {@code plainText})
	 * @param text the text part; empty: derived from the HTML
	 * @param plainText true for a text/plain-only message
	 * @param ownDomains the sending and tracking domains (links elsewhere are foreign)
	 * @param recipients the campaign's recipients, 0 when unknown
	 * @param checkLinks also fetch the links (slower) and warn of broken ones
	 */
	record Check(@Size(max = 2_000) String subject, @Size(max = 1_000_000) String html,
			@Size(max = 1_000_000) String text, boolean plainText, @Size(max = 100) List<String> ownDomains,
			@Schema(minimum = "0") Integer recipients, boolean checkLinks) {
	}

	/**
	 * @param html an HTML body; @param text a text body; their links are checked.
	 */
	record Links(@Size(max = 1_000_000) String html, @Size(max = 1_000_000) String text) {
	}

	/**
	 * @param links one result per distinct http(s) link, at most 20 checked
	 * @param findings a {@code broken-link} warning per broken link
	 */
	record LinkResults(List<LinkCheck> links, List<com.penguinmails.templates.Finding> findings) {
	}

	/**
	 * @param from the sender's address; the message is built as it would be sent.
	 */
	record SpamCheck(@Size(max = 2_000) String subject, @Size(max = 1_000_000) String html,
			@Size(max = 1_000_000) String text, @Size(max = 320) String from) {
	}

	private final Lint lint;

	private final Tenancy tenancy;

	LintApi(Lint lint, Tenancy tenancy) {
		this.lint = lint;
		this.tenancy = tenancy;
	}

	@PostMapping
	@Operation(summary = "Lint a subject and body: findings (spam phrases, links, images, text part, subject, "
			+ "punctuation, contrast, readability) and a score of 100 minus 10 per warning and 2 per note; "
			+ "checkLinks also fetches the links")
	LintReport check(@RequestBody Check request) {
		tenancy.current().require(WorkspaceRole.VIEWER, "templates:read");
		requireContent(request.subject(), request.html(), request.text());
		int recipients = request.recipients() == null ? 0 : request.recipients();
		if (recipients < 0) {
			throw new InvalidInputProblem("invalid-recipients", "recipients is a count: 0 or more.");
		}
		Set<String> own = new LinkedHashSet<>();
		if (request.ownDomains() != null) {
			request.ownDomains().stream().filter(d -> d != null && !d.isBlank()).forEach(own::add);
		}
		LintReport report = lint.check(
				new LintInput(request.subject(), request.html(), request.text(), request.plainText(), own, recipients));
		if (request.checkLinks()) {
			String html = request.plainText() ? null : request.html();
			report = report.with(Lint.brokenLinks(lint.checkLinks(html, request.text())));
		}
		return report;
	}

	@PostMapping("/links")
	@Operation(summary = "Check the http(s) links of a body: HEAD (GET when refused), at most 5 redirects, "
			+ "5 s each, at most 20 links; private addresses are not fetched")
	LinkResults links(@RequestBody Links request) {
		tenancy.current().require(WorkspaceRole.MEMBER, "templates:write");
		requireContent(null, request.html(), request.text());
		List<LinkCheck> links = lint.checkLinks(request.html(), request.text());
		return new LinkResults(links, Lint.brokenLinks(links));
	}

	@PostMapping("/spamassassin")
	@ApiResponse(responseCode = "503",
			description = "SpamAssassin is not installed here "
					+ "(spamassassin-not-installed) or failed to answer in 30 s (spamassassin-failed)")
	@Operation(summary = "SpamAssassin's score (local tests) for the message as it would be sent from 'from'")
	SpamAssassinReport spamAssassin(@RequestBody SpamCheck request) {
		tenancy.current().require(WorkspaceRole.MEMBER, "templates:write");
		requireContent(request.subject(), request.html(), request.text());
		String raw = lint.rawMessage(request.from(), request.subject(), request.html(), request.text());
		return lint.spamAssassin(raw)
			.orElseThrow(() -> new LintUnavailable("spamassassin-not-installed",
					"SpamAssassin is not installed on this server, so there is no SpamAssassin score. "
							+ "An administrator can install it (Debian: apt-get install spamassassin) or set "
							+ "penguinmails.lint.spamassassin to its path."));
	}

	private static void requireContent(String subject, String html, String text) {
		if (blank(subject) && blank(html) && blank(text)) {
			throw new InvalidInputProblem("lint-empty", "Give a subject or a body (html or text) to check.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
