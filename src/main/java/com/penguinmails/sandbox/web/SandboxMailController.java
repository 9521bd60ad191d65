package com.penguinmails.sandbox.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.sandbox.SandboxAudience;
import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /sandbox/mail}: the mail the sandbox caught, shown only to whoever could read
 * those mailboxes anyway. A signed-in user sees the mail addressed to their own account
 * address and the mail from or to the mailboxes of every workspace they belong to.
 * Without signing in, only a client on this machine sees it (a loopback address and no
 * forwarding header, so nothing relayed by a reverse proxy), which is how a newcomer
 * reads the confirmation email before having an account. Answering a message needs a
 * signed-in member (or above) of the workspace whose mailbox sent it. It does not exist
 * when the sandbox is off.
 */
@Controller
@ConditionalOnProperty(name = "penguinmails.sandbox.enabled", havingValue = "true")
class SandboxMailController {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

	// Headers a reverse proxy adds: a request carrying one came from elsewhere.
	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP",
			"X-Forwarded-Host");

	private final SandboxMailbox mailbox;

	private final Tenancy tenancy;

	private final WorkspaceDirectory directory;

	private final SandboxAudience audience;

	SandboxMailController(SandboxMailbox mailbox, Tenancy tenancy, WorkspaceDirectory directory,
			SandboxAudience audience) {
		this.mailbox = mailbox;
		this.tenancy = tenancy;
		this.directory = directory;
		this.audience = audience;
	}

	@GetMapping("/sandbox/mail")
	String list(HttpServletRequest request, Model model) {
		Optional<Predicate<SandboxMail>> readable = readable(request);
		if (readable.isEmpty()) {
			return "redirect:/login";
		}
		model.addAttribute("mails", mailbox.messages().stream().filter(readable.get()).toList());
		model.addAttribute("local", fromThisMachine(request));
		return "sandbox/list";
	}

	@GetMapping("/sandbox/mail/{id}")
	String show(@PathVariable String id, HttpServletRequest request, Model model) {
		Optional<Predicate<SandboxMail>> readable = readable(request);
		if (readable.isEmpty()) {
			return "redirect:/login";
		}
		SandboxMail mail = mailbox.message(id).filter(readable.get()).orElseThrow(() -> new NotFoundProblem("Message"));
		model.addAttribute("mail", mail);
		model.addAttribute("canAnswer", tenancy.find().filter(t -> !t.viaApiKey()).map(tenant -> {
			Map<UUID, WorkspaceRole> roles = directory.rolesOf(tenant.userId());
			return roles.entrySet()
				.stream()
				.anyMatch(e -> e.getValue().atLeast(WorkspaceRole.MEMBER)
						&& audience.mailboxAddresses(e.getKey()).contains(mail.fromAddress()));
		}).orElse(false));
		model.addAttribute("signedIn", tenancy.find().filter(t -> !t.viaApiKey()).isPresent());
		model.addAttribute("segments", segments(mail.text() == null ? "" : mail.text()));
		return "sandbox/show";
	}

	/**
	 * Downloads the {@code index}-th attachment (0-based) of a caught message the caller
	 * may read, always as {@code application/octet-stream} with its file name (RFC 6266),
	 * so nothing a sender wrote is shown as a page of this site.
	 */
	@GetMapping("/sandbox/mail/{id}/attachments/{index}")
	ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable int index, HttpServletRequest request) {
		Optional<Predicate<SandboxMail>> readable = readable(request);
		if (readable.isEmpty()) {
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/login")).build();
		}
		mailbox.message(id).filter(readable.get()).orElseThrow(() -> new NotFoundProblem("Message"));
		SandboxMailbox.AttachmentFile file = mailbox.attachment(id, index)
			.orElseThrow(() -> new NotFoundProblem("Attachment"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(file.attachment().name(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(file.content());
	}

	/**
	 * Answers a caught message as its recipient would (a reply, an out-of-office, a
	 * bounce, a spam report), into the sender's sandbox INBOX. Only a member (or above)
	 * of the workspace whose mailbox sent it may.
	 */
	@PostMapping("/sandbox/mail/{id}/answer")
	String answer(@PathVariable String id, @RequestParam String kind, RedirectAttributes redirect) {
		Tenant tenant = tenancy.find()
			.filter(t -> !t.viaApiKey())
			.orElseThrow(() -> new AccessDeniedProblem("Log in as a member of the sending workspace to answer."));
		Map<UUID, WorkspaceRole> roles = directory.rolesOf(tenant.userId());
		Map<UUID, Set<String>> mailboxes = new LinkedHashMap<>();
		roles.keySet().forEach(workspace -> mailboxes.put(workspace, audience.mailboxAddresses(workspace)));
		SandboxMail mail = mailbox.message(id)
			.filter(forUser(tenant, mailboxes))
			.orElseThrow(() -> new NotFoundProblem("Message"));
		// The workspace whose mailbox sent it: its members (or above) may answer.
		UUID sender = mailboxes.entrySet()
			.stream()
			.filter(e -> e.getValue().contains(mail.fromAddress()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AccessDeniedProblem(
					"Only mail sent by a mailbox of one of your workspaces can be answered."));
		if (!roles.get(sender).atLeast(WorkspaceRole.MEMBER)) {
			throw new AccessDeniedProblem("Answering needs the member role or higher in the sending workspace.");
		}
		return FormAction.run(redirect, "/sandbox/mail/" + mail.id(), () -> {
			String who = mailbox.answer(mail.id(), answerOf(kind)).orElseThrow(() -> new NotFoundProblem("Message"));
			return FormAction.Done.notice(who + " (" + kind.toLowerCase(Locale.ROOT).replace('_', '-')
					+ "). The sender's mailbox reads it at its next sync: within seconds with IMAP IDLE, else within "
					+ "a minute; or use \"Sync mailboxes now\" in the inbox.");
		});
	}

	/** The answer a form's {@code kind} names, in any case; 400 for another word. */
	private static SandboxMailbox.Answer answerOf(String kind) {
		try {
			return SandboxMailbox.Answer.valueOf(kind.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("unknown-answer", "Answers: reply, auto_reply, bounce or complaint.");
		}
	}

	/**
	 * Which caught mail the caller may read; empty when they must sign in first.
	 */
	private Optional<Predicate<SandboxMail>> readable(HttpServletRequest request) {
		if (fromThisMachine(request)) {
			return Optional.of(mail -> true);
		}
		return tenancy.find().filter(t -> !t.viaApiKey()).map(tenant -> {
			Map<UUID, Set<String>> mailboxes = new LinkedHashMap<>();
			directory.rolesOf(tenant.userId())
				.keySet()
				.forEach(workspace -> mailboxes.put(workspace, audience.mailboxAddresses(workspace)));
			return forUser(tenant, mailboxes);
		});
	}

	/**
	 * A signed-in user reads the mail to their own account address and the mail from or
	 * to the mailboxes of every workspace they are a member of.
	 */
	private Predicate<SandboxMail> forUser(Tenant tenant, Map<UUID, Set<String>> mailboxes) {
		String own = directory.memberEmail(tenant.workspaceId(), tenant.userId());
		Set<String> all = new HashSet<>();
		mailboxes.values().forEach(all::addAll);
		return mail -> (!own.isEmpty() && mail.addressedTo(own)) || mail.involves(all);
	}

	/**
	 * A client on this machine: a loopback address and no header a reverse proxy adds (a
	 * proxy on the same host would otherwise make every visitor look local).
	 */
	static boolean fromThisMachine(HttpServletRequest request) {
		for (String header : FORWARDING_HEADERS) {
			if (request.getHeader(header) != null) {
				return false;
			}
		}
		String address = request.getRemoteAddr();
		// Only IP literals (IPv6 has a colon, IPv4 is dotted decimal), so no DNS lookup
		// ever happens here.
		if (address == null || !(address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * The text split into plain runs and links, so links are clickable without trusting
	 * HTML. Punctuation that ends a sentence or closes a bracket or quote around a link
	 * stays text (as GitHub's and Slack's auto-linkers do): {@code (see
	 * https://x.example/a).} links to {@code https://x.example/a}.
	 */
	static List<Segment> segments(String text) {
		List<Segment> segments = new ArrayList<>();
		Matcher matcher = URL.matcher(text);
		int last = 0;
		while (matcher.find()) {
			String url = trimTrailing(matcher.group());
			int end = matcher.start() + url.length();
			segments.add(new Segment(text.substring(last, matcher.start()), false));
			segments.add(new Segment(url, true));
			last = end;
		}
		segments.add(new Segment(text.substring(last), false));
		return segments;
	}

	private static String trimTrailing(String url) {
		int end = url.length();
		while (end > 0) {
			char c = url.charAt(end - 1);
			if (".,;:!?'\"*>".indexOf(c) >= 0) {
				end--;
			}
			else if (c == ')' || c == ']' || c == '}') {
				char open = c == ')' ? '(' : (c == ']' ? '[' : '{');
				String part = url.substring(0, end);
				// A closing bracket that the link itself opened stays (Wikipedia-style
				// paths).
				if (part.chars().filter(ch -> ch == open).count() >= part.chars().filter(ch -> ch == c).count()) {
					break;
				}
				end--;
			}
			else {
				break;
			}
		}
		return url.substring(0, end);
	}

	record Segment(String text, boolean link) {
	}

}
