package com.penguinmails.contacts.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactFilterParams;
import com.penguinmails.contacts.ContactSort;
import com.penguinmails.contacts.ContactTable;
import com.penguinmails.contacts.ContactTable.Column;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The contacts table ({@code /contacts}): search, filters, sort, chosen columns and
 * keyset pages, all in the URL; a bad parameter shows as a message over the unfiltered
 * table.
 */
@Controller
class ContactsTableController {

	/** Rows per page. */
	static final int PAGE = 50;

	private final ContactTable table;

	private final Segments segments;

	private final Tenancy tenancy;

	ContactsTableController(ContactTable table, Segments segments, Tenancy tenancy) {
		this.table = table;
		this.segments = segments;
		this.tenancy = tenancy;
	}

	@GetMapping("/contacts")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String list,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String status,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String columns, @RequestParam(required = false) String count, Model model) {
		Tenant tenant = tenancy.current();
		ContactFilter filter;
		ContactSort order;
		List<Column> shown;
		ContactTable.View view;
		boolean exact = "exact".equals(count);
		try {
			filter = ContactFilterParams.of(q, list, tag, status, segment);
			order = ContactSort.of(sort, dir);
			shown = table.columns(tenant, columns);
			view = table.view(tenant, filter, order, cursor, PAGE, exact);
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			filter = ContactFilter.all();
			order = ContactSort.DEFAULT;
			columns = null;
			shown = table.columns(tenant, null);
			view = table.view(tenant, filter, order, null, PAGE, exact);
		}
		model.addAttribute("filter", filter);
		model.addAttribute("sort", order);
		model.addAttribute("page", view.page());
		// Counted up to ContactCount.LIMIT unless ?count=exact: "10,000+".
		model.addAttribute("matching", view.matching().value());
		model.addAttribute("matchingCount", view.matching());
		model.addAttribute("total", view.total().value());
		model.addAttribute("totalCount", view.total());
		model.addAttribute("columns", shown);
		model.addAttribute("shownKeys", ContactTableView.keys(shown));
		model.addAttribute("available", table.available(tenant));
		model.addAttribute("view", new ContactTableView(filter, order, columns));
		model.addAttribute("lists", segments.listNames(tenant));
		model.addAttribute("tags", table.tagsInUse(tenant));
		model.addAttribute("segments", table.segmentNames(tenant));
		model.addAttribute("statuses", Contacts.STATUSES);
		return "contacts/list";
	}

	/**
	 * The Columns menu: remembers the member's columns for this workspace and goes back
	 * to the table as it was ({@code back}, a {@code /contacts} link), without a
	 * {@code columns} override.
	 */
	@PostMapping("/contacts/columns")
	String columns(@RequestParam(required = false) List<String> columns, @RequestParam(required = false) String back,
			RedirectAttributes redirect) {
		String target = back != null && (back.equals("/contacts") || back.startsWith("/contacts?")) ? back
				: "/contacts";
		return FormAction.run(redirect, target, () -> {
			table.saveColumns(tenancy.current(), columns);
			return FormAction.Done.notice(null);
		});
	}

}
