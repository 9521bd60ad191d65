package com.penguinmails.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

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

	/**
	 * The page's script, from the test class path: static files are served only from the
	 * application's own folders ({@code shared.internal.StaticResources}).
	 */
	@GetMapping(path = "/test/preview-widgets.js", produces = "text/javascript")
	@ResponseBody
	Resource script() {
		return new ClassPathResource("static/test/preview-widgets.js");
	}

}
