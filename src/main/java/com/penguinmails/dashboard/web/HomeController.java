package com.penguinmails.dashboard.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.penguinmails.dashboard.Dashboard;
import com.penguinmails.dashboard.SandboxDemo;
import com.penguinmails.dashboard.SetupChecklist;
import com.penguinmails.dashboard.Summary;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The home page: what needs attention, the setup checklist (until dismissed), "Try it in
 * the sandbox", and the dashboard's figures and chart.
 */
@Controller
class HomeController {

	private final Dashboard dashboard;

	private final SetupChecklist checklist;

	private final SandboxDemo demo;

	private final WorkspaceDirectory directory;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	HomeController(Dashboard dashboard, SetupChecklist checklist, SandboxDemo demo, WorkspaceDirectory directory,
			Tenancy tenancy, ObjectMapper json) {
		this.dashboard = dashboard;
		this.checklist = checklist;
		this.demo = demo;
		this.directory = directory;
		this.tenancy = tenancy;
		this.json = json;
	}

	@GetMapping("/")
	String home(Model model) throws JsonProcessingException {
		if (tenancy.find().isEmpty()) {
			return "redirect:/workspaces";
		}
		Tenant tenant = tenancy.current();
		Dashboard.Home home = dashboard.home(tenant);
		Summary summary = home.summary();
		model.addAttribute("workspaceName", directory.workspaceName(tenant.workspaceId()));
		model.addAttribute("summary", summary);
		model.addAttribute("periods", List.of(Map.entry("Today", summary.today()),
				Map.entry("7 days", summary.last7Days()), Map.entry("30 days", summary.last30Days())));
		model.addAttribute("chartSeries", json.writeValueAsString(summary.chart()));
		model.addAttribute("checklist", home.checklist());
		model.addAttribute("demoAvailable", demo.available());
		model.addAttribute("demoPresent", demo.present(tenant));
		return "dashboard/home";
	}

	@PostMapping("/home/checklist/dismiss")
	String dismiss(RedirectAttributes redirect) {
		return FormAction.run(redirect, "/", () -> {
			checklist.dismiss(tenancy.current(), true);
			return FormAction.Done.notice("Checklist hidden. \"Show the setup checklist\" brings it back.");
		});
	}

	@PostMapping("/home/checklist/show")
	String show(RedirectAttributes redirect) {
		return FormAction.run(redirect, "/", () -> {
			checklist.dismiss(tenancy.current(), false);
			return FormAction.Done.notice(null);
		});
	}

	@PostMapping("/home/demo")
	String startDemo(RedirectAttributes redirect) {
		return FormAction.run(redirect, "/", () -> {
			SandboxDemo.Started started = demo.start(tenancy.current());
			return FormAction.Done.notice("Demo launched from " + started.mailboxEmail() + " to "
					+ started.contactIds().size() + " demo contacts: its first messages reach the sandbox mail "
					+ "page within a minute. Answer one there, then look in the inbox.");
		});
	}

	@PostMapping("/home/demo/remove")
	String removeDemo(RedirectAttributes redirect) {
		return FormAction.run(redirect, "/", () -> {
			demo.remove(tenancy.current());
			return FormAction.Done
				.notice("Demo data removed: its campaign is archived, its contacts and its " + "mailbox are deleted.");
		});
	}

}
