package com.penguinmails.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.Tenancy;

/**
 * A test-only page (src/test) with an editor form, the variable picker and the live
 * preview pane ({@code fragments/preview :: pane}), for
 * {@link PreviewWidgetsBrowserTests}: the widgets are tested before the editor pages that
 * will carry them exist.
 */
@Controller
class PreviewWidgetsTestPage {

	private final Contacts contacts;

	private final Tenancy tenancy;

	PreviewWidgetsTestPage(Contacts contacts, Tenancy tenancy) {
		this.contacts = contacts;
		this.tenancy = tenancy;
	}

	@GetMapping("/test/preview-widgets")
	String page(Model model) {
		model.addAttribute("contacts", contacts.list(tenancy.current(), null, 50).data());
		return "test/preview-widgets";
	}

}
