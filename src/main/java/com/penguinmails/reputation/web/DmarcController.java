package com.penguinmails.reputation.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.DmarcFileEntry;
import com.penguinmails.reputation.DmarcReports;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The DMARC pages: every domain with its pass rate, the upload, where reports arrive and
 * the file log ({@code /reputation/dmarc}); one domain's view
 * ({@code /reputation/dmarc/{domainId}}).
 */
@Controller
class DmarcController {

	private final DmarcReports reports;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	DmarcController(DmarcReports reports, Mailboxes mailboxes, Tenancy tenancy) {
		this.reports = reports;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
	}

	/** The upload form: one or more report files. */
	record UploadForm(List<MultipartFile> files) {
	}

	/** The reports mailbox form: a mailbox, and a folder or none (its INBOX). */
	record PlaceForm(UUID mailboxId, String folder) {
	}

	@GetMapping("/reputation/dmarc")
	String list(@RequestParam(required = false) String cursor, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("domains", reports.domains(tenant));
		CursorPage<DmarcFileEntry> files = reports.files(tenant, cursor, DmarcReports.PAGE_SIZE);
		model.addAttribute("files", files.data());
		model.addAttribute("nextCursor", files.nextCursor());
		model.addAttribute("olderPage", cursor != null && !cursor.isBlank());
		model.addAttribute("fileCount", reports.fileCount(tenant));
		model.addAttribute("places", reports.places(tenant));
		model.addAttribute("reportAddresses", reports.reportAddresses(tenant));
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		model.addAttribute("canWrite", tenant.role().atLeast(WorkspaceRole.MEMBER));
		return "reputation/dmarc/list";
	}

	@PostMapping("/reputation/dmarc/upload")
	String upload(UploadForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/reputation/dmarc", () -> {
			List<DmarcReports.UploadedFile> files = new ArrayList<>();
			for (MultipartFile file : form.files() == null ? List.<MultipartFile>of() : form.files()) {
				files.add(new DmarcReports.UploadedFile(file.getOriginalFilename(), bytes(file)));
			}
			DmarcReports.Upload done = reports.upload(tenancy.current(), files);
			return FormAction.Done.notice(done.stored() + " report" + (done.stored() == 1 ? "" : "s") + " stored, "
					+ done.duplicates() + " already there, " + done.malformed() + " malformed (see the file log).");
		});
	}

	@PostMapping("/reputation/dmarc/places")
	String place(PlaceForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/reputation/dmarc", () -> {
			if (form.mailboxId() == null) {
				throw new com.penguinmails.shared.InvalidInputProblem("no-mailbox", "Choose a mailbox.");
			}
			Tenant tenant = tenancy.current();
			DmarcReports.Place place = reports.setPlace(tenant, form.mailboxId(), form.folder());
			return FormAction.Done.notice("Reports are read from " + place.email()
					+ ("INBOX".equals(place.folder()) ? "" : ", folder " + place.folder()) + "."
					+ unreached(reports.reportAddresses(tenant), place.email()));
		});
	}

	@PostMapping("/reputation/dmarc/places/{mailboxId}/remove")
	String removePlace(@PathVariable UUID mailboxId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/reputation/dmarc", () -> {
			reports.clearPlace(tenancy.current(), mailboxId);
			return FormAction.Done.notice("Reports are no longer read from that mailbox.");
		});
	}

	@GetMapping("/reputation/dmarc/{domainId}")
	String domain(@PathVariable UUID domainId, Model model) {
		model.addAttribute("view", DmarcView.of(reports.domain(tenancy.current(), domainId)));
		return "reputation/dmarc/domain";
	}

	/**
	 * A warning when no domain's DMARC record sends reports to the chosen address:
	 * reports then never arrive there.
	 */
	static String unreached(List<DmarcReports.ReportAddress> addresses, String email) {
		String address = email.toLowerCase(java.util.Locale.ROOT);
		if (addresses.stream().anyMatch(a -> a.rua().contains(address))) {
			return "";
		}
		return " Warning: no domain's DMARC record sends reports to " + email + " (its rua= tag names other addresses"
				+ " or none): add rua=mailto:" + email + " to the DMARC record of each domain, or reports never arrive"
				+ " here.";
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
