package com.penguinmails.mailboxes.web;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxChanges;
import com.penguinmails.mailboxes.MailboxImport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Pacing;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

@Controller
class MailboxesController {

	/**
	 * The form; passwords are not kept when it comes back with an error.
	 * {@code pacingFrom} names the provider whose {@link Pacing} filled the cap and gaps
	 * (the page's script follows the provider chosen; without it, the first one).
	 */
	record MailboxForm(String email, String displayName, String preset, String smtpHost, Integer smtpPort,
			Security smtpSecurity, String smtpUsername, String smtpPassword, String imapHost, Integer imapPort,
			Security imapSecurity, String imapUsername, String imapPassword, Integer dailyCap, Integer minGapSeconds,
			Integer maxGapSeconds, String replyTo, String signatureHtml, String pacingFrom) implements Serializable {

		/**
		 * The mailbox to add. A cap and gaps left as another provider's pre-fill (the
		 * sandbox chosen without the page's script) are not given, so the chosen
		 * provider's {@link Pacing} applies.
		 */
		NewMailbox toNewMailbox() {
			boolean prefilledForAnother = pacingFrom != null && !pacingFrom.equalsIgnoreCase(String.valueOf(preset))
					&& new Pacing(orZero(dailyCap), orZero(minGapSeconds), orZero(maxGapSeconds))
						.equals(Pacing.of(pacingFrom));
			return new NewMailbox(email, displayName, preset,
					new ServerSettings(smtpHost, smtpPort == null ? 0 : smtpPort, smtpSecurity, smtpUsername,
							smtpPassword),
					new ServerSettings(imapHost, imapPort == null ? 0 : imapPort, imapSecurity, imapUsername,
							imapPassword),
					signatureHtml, replyTo, prefilledForAnother ? null : dailyCap,
					prefilledForAnother ? null : minGapSeconds, prefilledForAnother ? null : maxGapSeconds);
		}

		MailboxForm withoutPasswords() {
			return new MailboxForm(email, displayName, preset, smtpHost, smtpPort, smtpSecurity, smtpUsername, null,
					imapHost, imapPort, imapSecurity, imapUsername, null, dailyCap, minGapSeconds, maxGapSeconds,
					replyTo, signatureHtml, pacingFrom);
		}

		private static int orZero(Integer value) {
			return value == null ? 0 : value;
		}

	}

	/**
	 * The edit form of a mailbox page: no address (it cannot change); blank passwords
	 * keep the stored ones, and are not kept when the form comes back with an error.
	 */
	record EditForm(String displayName, String smtpHost, Integer smtpPort, Security smtpSecurity, String smtpUsername,
			String smtpPassword, String imapHost, Integer imapPort, Security imapSecurity, String imapUsername,
			String imapPassword, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds, String replyTo,
			String signatureHtml, Boolean noSmtpAuth) {

		static EditForm of(Mailbox mailbox) {
			return new EditForm(mailbox.displayName(), mailbox.smtpHost(), mailbox.smtpPort(), mailbox.smtpSecurity(),
					mailbox.smtpUsername(), null, mailbox.imapHost(), mailbox.imapPort(), mailbox.imapSecurity(),
					mailbox.imapUsername(), null, mailbox.dailyCap(), mailbox.minGapSeconds(), mailbox.maxGapSeconds(),
					mailbox.replyTo(), mailbox.signatureHtml(), !mailbox.smtpAuth());
		}

		MailboxChanges toChanges() {
			return new MailboxChanges(null, displayName,
					new ServerSettings(smtpHost, smtpPort == null ? 0 : smtpPort, smtpSecurity, smtpUsername,
							smtpPassword),
					new ServerSettings(imapHost, imapPort == null ? 0 : imapPort, imapSecurity, imapUsername,
							imapPassword),
					signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds, !Boolean.TRUE.equals(noSmtpAuth));
		}

		EditForm withoutPasswords() {
			return new EditForm(displayName, smtpHost, smtpPort, smtpSecurity, smtpUsername, null, imapHost, imapPort,
					imapSecurity, imapUsername, null, dailyCap, minGapSeconds, maxGapSeconds, replyTo, signatureHtml,
					noSmtpAuth);
		}

	}

	private final Mailboxes mailboxes;

	private final MailboxImport imports;

	private final Tenancy tenancy;

	MailboxesController(Mailboxes mailboxes, MailboxImport imports, Tenancy tenancy) {
		this.mailboxes = mailboxes;
		this.imports = imports;
		this.tenancy = tenancy;
	}

	@GetMapping("/mailboxes")
	String list(Model model) {
		model.addAttribute("mailboxes", mailboxes.list(tenancy.current()));
		model.addAttribute("sandboxOn", mailboxes.sandboxAvailable());
		model.addAttribute("standardPacing", Pacing.STANDARD);
		model.addAttribute("sandboxPacing", Pacing.SANDBOX);
		if (!model.containsAttribute("form")) {
			Pacing pacing = Pacing.of("google");
			model.addAttribute("form", new MailboxForm("", "", "google", "", null, null, "", null, "", null, null, "",
					null, pacing.dailyCap(), pacing.minGapSeconds(), pacing.maxGapSeconds(), "", "", "google"));
		}
		return "mailboxes/list";
	}

	@PostMapping("/mailboxes")
	String add(MailboxForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/mailboxes", () -> {
			Mailbox mailbox = mailboxes.add(tenancy.current(), form.toNewMailbox());
			return FormAction.Done.to("/mailboxes/" + mailbox.id(),
					mailbox.email() + " connected. Test the connection to be sure.");
		}, problem -> redirect.addFlashAttribute("form", form.withoutPasswords()));
	}

	@GetMapping("/mailboxes/import")
	String importForm() {
		return "mailboxes/import";
	}

	@PostMapping("/mailboxes/import")
	String importCsv(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String csv,
			Model model) throws IOException {
		String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : csv;
		if (text.isBlank()) {
			model.addAttribute("error", "Choose a CSV file or paste the rows.");
			return "mailboxes/import";
		}
		model.addAttribute("result", imports.importCsv(tenancy.current(), new StringReader(text)));
		return "mailboxes/import";
	}

	@GetMapping("/mailboxes/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		Mailbox mailbox = mailboxes.get(tenant, id);
		model.addAttribute("mailbox", mailbox);
		model.addAttribute("domain", mailboxes.domainOf(tenant, mailbox).orElse(null));
		model.addAttribute("transportKinds", TransportKind.values());
		if (!model.containsAttribute("editForm")) {
			model.addAttribute("editForm", EditForm.of(mailbox));
		}
		return "mailboxes/show";
	}

	/**
	 * Saves and goes back to the page; on bad input the page shows why, with the typed
	 * values (but not the passwords) still in the form.
	 */
	@PostMapping("/mailboxes/{id}/edit")
	String edit(@PathVariable UUID id, EditForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			model.addAttribute("error", "Ports, the daily cap and the gaps must be whole numbers.");
			model.addAttribute("editForm", form.withoutPasswords());
			return show(id, model);
		}
		try {
			mailboxes.update(tenancy.current(), id, form.toChanges());
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("editForm", form.withoutPasswords());
			return show(id, model);
		}
		redirect.addFlashAttribute("notice", "Saved. Test the connection if you changed the servers.");
		return "redirect:/mailboxes/" + id;
	}

	/**
	 * The "Sending through" form: the kind and every provider's fields (only the chosen
	 * kind's count); secrets are never shown back.
	 */
	record TransportForm(String kind, String serverToken, String messageStream, String apiKey, String mailgunDomain,
			String mailgunRegion, String sesRegion, String accessKeyId, String secretAccessKey,
			Boolean fallbackToSmtp) {

		TransportSettings toSettings() {
			String region = "ses".equals(kind) ? sesRegion : mailgunRegion;
			return new TransportSettings(kind, serverToken, messageStream, apiKey, mailgunDomain, region, accessKeyId,
					secretAccessKey, Boolean.TRUE.equals(fallbackToSmtp));
		}

	}

	@PostMapping("/mailboxes/{id}/transport")
	String transport(@PathVariable UUID id, TransportForm form, Model model, RedirectAttributes redirect) {
		try {
			Mailbox mailbox = mailboxes.setTransport(tenancy.current(), id, form.toSettings());
			redirect.addFlashAttribute("notice", "It now sends through " + mailbox.transport().kind().inSentence()
					+ ". Test the connection to check the credentials.");
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("transportError", problem.getMessage());
			// What was typed stays (the chosen kind too), but never a secret.
			model.addAttribute("transportForm", new TransportForm(form.kind(), null, form.messageStream(), null,
					form.mailgunDomain(), form.mailgunRegion(), form.sesRegion(), null, null, form.fallbackToSmtp()));
			return show(id, model);
		}
		return "redirect:/mailboxes/" + id;
	}

	@PostMapping("/mailboxes/{id}/test")
	String test(@PathVariable UUID id, Model model) {
		ConnectionTest result = mailboxes.test(tenancy.current(), id);
		model.addAttribute("test", result);
		return show(id, model);
	}

	@PostMapping("/mailboxes/{id}/spf")
	String checkSpf(@PathVariable UUID id, Model model) {
		model.addAttribute("spf", mailboxes.checkSpf(tenancy.current(), id).orElse(null));
		return show(id, model);
	}

	@PostMapping("/mailboxes/{id}/pause")
	String pause(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean paused) {
		mailboxes.pause(tenancy.current(), id, paused);
		return "redirect:/mailboxes/" + id;
	}

	@PostMapping("/mailboxes/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		mailboxes.delete(tenancy.current(), id);
		redirect.addFlashAttribute("notice", "Mailbox removed.");
		return "redirect:/mailboxes";
	}

}
