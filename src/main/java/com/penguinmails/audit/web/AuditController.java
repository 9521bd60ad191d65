package com.penguinmails.audit.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.audit.AuditLog;
import com.penguinmails.shared.Tenancy;

@Controller
class AuditController {

	private final AuditLog auditLog;

	private final Tenancy tenancy;

	AuditController(AuditLog auditLog, Tenancy tenancy) {
		this.auditLog = auditLog;
		this.tenancy = tenancy;
	}

	@GetMapping("/settings/audit")
	String list(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", auditLog.page(tenancy.current(), cursor, 100));
		return "audit/list";
	}

}
