package com.penguinmails.sandbox.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.NotFoundProblem;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /sandbox/mail}: every message the sandbox caught. Open to anyone on purpose, so
 * a newcomer can click the verification link before having an account; it does not exist
 * when the sandbox is off.
 */
@Controller
@ConditionalOnProperty(name = "penguinmails.sandbox.enabled", havingValue = "true")
class SandboxMailController {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

	private final SandboxMailbox mailbox;

	SandboxMailController(SandboxMailbox mailbox) {
		this.mailbox = mailbox;
	}

	@GetMapping("/sandbox/mail")
	String list(Model model) {
		model.addAttribute("mails", mailbox.messages());
		return "sandbox/list";
	}

	@GetMapping("/sandbox/mail/{index}")
	String show(@PathVariable int index, Model model) {
		SandboxMail mail = mailbox.message(index).orElseThrow(() -> new NotFoundProblem("Message"));
		model.addAttribute("mail", mail);
		model.addAttribute("segments", segments(mail.text() == null ? "" : mail.text()));
		return "sandbox/show";
	}

	/**
	 * Answers a caught message as its recipient would (a reply, an out-of-office, a
	 * bounce, a spam report), into the sender's sandbox INBOX.
	 */
	@PostMapping("/sandbox/mail/{index}/answer")
	String answer(@PathVariable int index, @RequestParam String kind, RedirectAttributes redirect) {
		SandboxMailbox.Answer answer;
		try {
			answer = SandboxMailbox.Answer.valueOf(kind.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", "Answers: reply, auto_reply, bounce or complaint.");
			return "redirect:/sandbox/mail/" + index;
		}
		String who = mailbox.answer(index, answer).orElseThrow(() -> new NotFoundProblem("Message"));
		redirect.addFlashAttribute("notice", who + " (" + kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
				+ "). The sender's mailbox reads it at its next sync: within seconds with IMAP IDLE, else within "
				+ "a minute; or use \"Sync mailboxes now\" in the inbox.");
		return "redirect:/sandbox/mail/" + index;
	}

	/**
	 * The text split into plain runs and links, so links are clickable without trusting
	 * HTML.
	 */
	static List<Segment> segments(String text) {
		List<Segment> segments = new ArrayList<>();
		Matcher matcher = URL.matcher(text);
		int last = 0;
		while (matcher.find()) {
			segments.add(new Segment(text.substring(last, matcher.start()), false));
			segments.add(new Segment(matcher.group(), true));
			last = matcher.end();
		}
		segments.add(new Segment(text.substring(last), false));
		return segments;
	}

	record Segment(String text, boolean link) {
	}

}
