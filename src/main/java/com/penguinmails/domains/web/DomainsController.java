package com.penguinmails.domains.web;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.domains.DnsTemplate;
import com.penguinmails.domains.DnsTemplates;
import com.penguinmails.domains.DnsUpdateSettings;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.DomainClaim;
import com.penguinmails.domains.DomainClaims;
import com.penguinmails.domains.DomainImport;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.DomainHealth;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.domains.Propagation;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.domains.TrackingCertificates;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** The domain list and the setup wizard (records to publish, verification). */
@Controller
class DomainsController {

	private final Domains domains;

	private final DomainImport imports;

	private final DomainClaims claims;

	private final DnsTemplates templates;

	private final Tenancy tenancy;

	private final ObjectProvider<TrackingCertificates> certificates;

	DomainsController(Domains domains, DomainImport imports, DomainClaims claims, DnsTemplates templates,
			Tenancy tenancy, ObjectProvider<TrackingCertificates> certificates) {
		this.certificates = certificates;
		this.templates = templates;
		this.domains = domains;
		this.imports = imports;
		this.claims = claims;
		this.tenancy = tenancy;
	}

	@GetMapping("/domains")
	String list(Model model) {
		Tenant tenant = tenancy.current();
		List<Domain> all = domains.list(tenant);
		Map<UUID, DomainHealth> health = new LinkedHashMap<>();
		all.forEach(d -> health.put(d.id(), domains.health(tenant, d.id())));
		model.addAttribute("domains", all);
		model.addAttribute("templates", templates.list(tenant));
		model.addAttribute("health", health);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new DomainForm("", false, "", "", null));
		}
		return "domains/list";
	}

	/** The add form: an unchecked checkbox sends nothing, hence the boxed Boolean. */
	record DomainForm(String name, Boolean receivesMail, String mxHosts, String spfMechanisms,
			UUID templateId) implements Serializable {

		NewDomain toNewDomain() {
			return new NewDomain(name, Boolean.TRUE.equals(receivesMail), mxHosts, spfMechanisms);
		}

	}

	@PostMapping("/domains")
	String add(DomainForm submitted, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains", () -> {
			NewDomain form = submitted.toNewDomain();
			if (submitted.templateId() != null) {
				form = templates.get(tenancy.current(), submitted.templateId()).applyTo(form);
			}
			Domain domain = domains.add(tenancy.current(), form);
			return FormAction.Done.to("/domains/" + domain.id(),
					domain.displayName() + " added with its own DKIM key. Publish the records below.");
		},
				// Flash attributes live in the (JDBC) session: only serializable values.
				problem -> redirect.addFlashAttribute("form", submitted));
	}

	@GetMapping("/domains/import")
	String importForm(Model model) {
		model.addAttribute("templates", templates.list(tenancy.current()));
		return "domains/import";
	}

	/**
	 * The DNS template form; an unchecked checkbox sends nothing, and the service checks
	 * the fields (blank ones are empty).
	 */
	record TemplateForm(String name, String spfMechanisms, Boolean receivesMail, String mxHosts) {

		DnsTemplate toTemplate() {
			return new DnsTemplate(null, orEmpty(name), orEmpty(spfMechanisms), Boolean.TRUE.equals(receivesMail),
					orEmpty(mxHosts));
		}

	}

	@PostMapping("/domains/templates")
	String createTemplate(TemplateForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains", () -> {
			templates.create(tenancy.current(), form.toTemplate());
			return FormAction.Done.notice("Template " + orEmpty(form.name()) + " saved.");
		});
	}

	@PostMapping("/domains/templates/{id}/delete")
	String deleteTemplate(@PathVariable UUID id, RedirectAttributes redirect) {
		templates.delete(tenancy.current(), id);
		redirect.addFlashAttribute("notice", "Template deleted.");
		return "redirect:/domains";
	}

	/**
	 * The import form: the rows as a file or pasted, and the settings of every domain
	 * imported (a template's where the form leaves them empty).
	 */
	record ImportForm(MultipartFile file, String csv, String spfMechanisms, Boolean receivesMail, String mxHosts,
			UUID templateId) {

		NewDomain defaults() {
			return new NewDomain("", Boolean.TRUE.equals(receivesMail), orEmpty(mxHosts), orEmpty(spfMechanisms));
		}

	}

	@PostMapping("/domains/import")
	String importCsv(ImportForm form, Model model) throws IOException {
		model.addAttribute("templates", templates.list(tenancy.current()));
		MultipartFile file = form.file();
		String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8)
				: orEmpty(form.csv());
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			model.addAttribute("error", "Choose a CSV file or paste the domains, one per line.");
			return "domains/import";
		}
		NewDomain defaults = form.defaults();
		if (form.templateId() != null) {
			defaults = templates.get(tenancy.current(), form.templateId()).applyTo(defaults);
		}
		DomainImport.Result result = imports.importCsv(tenancy.current(), new StringReader(text), defaults);
		model.addAttribute("result", result);
		return "domains/import";
	}

	@GetMapping("/domains/claims")
	String claims(@RequestParam(defaultValue = "") String name, Model model) {
		model.addAttribute("claims", claims.list(tenancy.current()));
		model.addAttribute("name", name);
		return "domains/claims";
	}

	@PostMapping("/domains/claims")
	String startClaim(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/claims", () -> {
			DomainClaim claim = claims.start(tenancy.current(), name);
			return FormAction.Done.notice("Publish the TXT record below for " + claim.name() + ", then verify.");
		});
	}

	@PostMapping("/domains/claims/{id}/verify")
	String verifyClaim(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/claims", () -> {
			Domain domain = claims.verify(tenancy.current(), id);
			return FormAction.Done.to("/domains/" + domain.id(),
					domain.displayName() + " is now in this workspace, with a new DKIM key.");
		});
	}

	@GetMapping("/domains/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		Domain domain = domains.get(tenant, id);
		List<RecordCheck> records = model.containsAttribute("records") ? null : domains.records(tenant, id);
		if (records != null) {
			model.addAttribute("records", records);
		}
		@SuppressWarnings("unchecked")
		List<RecordCheck> shown = (List<RecordCheck>) model.getAttribute("records");
		model.addAttribute("domain", domain);
		model.addAttribute("zone", domains.zoneSnippet(shown));
		model.addAttribute("health", domains.health(tenant, id));
		List<BlocklistResult> listings = domains.lastBlocklists(tenant, id);
		model.addAttribute("listed", listings.stream().filter(BlocklistResult::listed).toList());
		model.addAttribute("unknownListings", listings.stream().filter(r -> "unknown".equals(r.status())).toList());
		model.addAttribute("cleanListings", listings.stream().filter(r -> "clean".equals(r.status())).count());
		model.addAttribute("blocklistsChecked", !listings.isEmpty());
		model.addAttribute("dnsUpdate", domains.dnsUpdate(tenant, id).orElse(null));
		model.addAttribute("keys", domains.keys(tenant, id));
		String trackingHost = domains.trackingHost(tenant.workspaceId(), domain.name()).orElse(null);
		model.addAttribute("trackingHost", trackingHost);
		model.addAttribute("certificate", certificate(tenant, trackingHost));
		model.addAttribute("now", java.time.Instant.now());
		return "domains/show";
	}

	/**
	 * The tracking host's TLS certificate, for owners and admins (it may name what is
	 * wrong with the installation's network), when a feature obtains certificates.
	 */
	private TrackingCertificates.Status certificate(Tenant tenant, String trackingHost) {
		TrackingCertificates source = certificates.getIfAvailable();
		if (trackingHost == null || source == null || !tenant.role().atLeast(WorkspaceRole.ADMIN)) {
			return null;
		}
		return source.certificate(tenant.workspaceId(), trackingHost).orElse(null);
	}

	@PostMapping("/domains/{id}/verify")
	String verify(@PathVariable UUID id, Model model) {
		Domains.Verification verification = domains.verify(tenancy.current(), id);
		model.addAttribute("records", verification.records());
		model.addAttribute("notice",
				verification.domain().status() == DomainStatus.VERIFIED
						? "All required records are in place: the domain is verified."
						: "Checked just now: fix the records marked below, then verify again.");
		return show(id, model);
	}

	/**
	 * The matrix alone, which the page reloads every few seconds while the user waits
	 * (htmx).
	 */
	@GetMapping("/domains/{id}/propagation")
	String propagation(@PathVariable UUID id, Model model) {
		Propagation propagation = domains.propagation(tenancy.current(), id);
		model.addAttribute("propagation", propagation);
		model.addAttribute("domain", domains.get(tenancy.current(), id));
		return "domains/propagation :: matrix";
	}

	@PostMapping("/domains/{id}/dns-update")
	String configureDnsUpdate(@PathVariable UUID id, DnsUpdateSettings settings, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/" + id, () -> {
			domains.configureDnsUpdate(tenancy.current(), id, settings);
			return FormAction.Done.notice("Dynamic DNS updates are set up. Publish the records when ready.");
		});
	}

	@PostMapping("/domains/{id}/publish")
	String publish(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/" + id, () -> {
			Domains.Verification verification = domains.publish(tenancy.current(), id);
			return FormAction.Done.notice("Records published to the DNS server; the domain is now "
					+ verification.domain().status().value() + ".");
		});
	}

	@PostMapping("/domains/{id}/rotate")
	String rotate(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/" + id, () -> {
			String selector = domains.rotateKey(tenancy.current(), id);
			return FormAction.Done.notice("New DKIM key under selector " + selector
					+ ": publish its record (marked dkim-next below), then verify. The current key keeps signing until then.");
		});
	}

	@PostMapping("/domains/{id}/blocklists")
	String checkBlocklists(@PathVariable UUID id, RedirectAttributes redirect) {
		List<BlocklistResult> results = domains.checkBlocklists(tenancy.current(), id);
		long listed = results.stream().filter(BlocklistResult::listed).count();
		redirect.addFlashAttribute(listed == 0 ? "notice" : "error", listed == 0
				? "Not listed on any of the " + results.size() + " blocklists checked."
				: "Listed on " + listed + " blocklist(s): see below for what each says and where to ask for removal.");
		return "redirect:/domains/" + id;
	}

	@PostMapping("/domains/{id}/move")
	String move(@PathVariable UUID id, @RequestParam UUID workspaceId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/domains/" + id, () -> {
			Domain moved = domains.move(tenancy.current(), id, workspaceId);
			return FormAction.Done.to("/domains", moved.displayName() + " moved, with its keys and history.");
		});
	}

	@PostMapping("/domains/{id}/delete")
	String delete(@PathVariable UUID id, @RequestParam(defaultValue = "") String confirm, RedirectAttributes redirect) {
		Tenant tenant = tenancy.current();
		Domain domain = domains.get(tenant, id);
		return FormAction.run(redirect, "/domains/" + id, () -> {
			if (!domain.name().equals(confirm.strip().toLowerCase())) {
				throw new InvalidInputProblem("confirm-name", "Type the domain name to confirm the removal.");
			}
			domains.delete(tenant, id);
			return FormAction.Done.to("/domains", domain.displayName() + " removed, with its DKIM keys.");
		});
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

}
