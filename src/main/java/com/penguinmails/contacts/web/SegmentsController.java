package com.penguinmails.contacts.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.beans.propertyeditors.StringArrayPropertyEditor;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.contacts.CustomFields;
import com.penguinmails.contacts.LeadScoring;
import com.penguinmails.contacts.SegmentDefinition;
import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.contacts.Segments;
import com.penguinmails.contacts.Segments.ContactList;
import com.penguinmails.contacts.Segments.Segment;
import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * Lists, the segment editor (conditions as rows, with a live count as you type) and the
 * lead scoring rules. Works without JavaScript; htmx only refreshes the count.
 */
@Controller
class SegmentsController {

	/** A choosable field in the editor: its value in the form, its label and type. */
	record FieldChoice(String value, String label, String type) {
	}

	/** The operators offered for each kind of field. */
	static final Map<String, List<String>> OPERATORS = new LinkedHashMap<>();

	static {
		OPERATORS.put("text", List.of("equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with",
				"is_empty", "is_not_empty"));
		OPERATORS.put("number",
				List.of("equals", "not_equals", "greater_than", "less_than", "is_empty", "is_not_empty"));
		OPERATORS.put("date", List.of("equals", "before", "after", "is_empty", "is_not_empty"));
		OPERATORS.put("boolean", List.of("is_true", "is_false", "is_empty"));
		OPERATORS.put("membership", List.of("in", "not_in"));
	}

	private static final int BLANK_ROWS = 3;

	private final Segments segments;

	private final CustomFields customFields;

	private final LeadScoring scoring;

	private final Tenancy tenancy;

	SegmentsController(Segments segments, CustomFields customFields, LeadScoring scoring, Tenancy tenancy) {
		this.segments = segments;
		this.customFields = customFields;
		this.scoring = scoring;
		this.tenancy = tenancy;
	}

	@GetMapping("/segments")
	String index(Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("lists", segments.lists(tenant));
		model.addAttribute("segments", segments.segments(tenant));
		return "contacts/segments";
	}

	/**
	 * Each condition value is bound whole: Spring would otherwise split a lone value at
	 * its commas ("Smith, Jones") when binding it to an array.
	 */
	@InitBinder("segmentForm")
	void keepValuesWhole(WebDataBinder binder) {
		binder.registerCustomEditor(String[].class, new StringArrayPropertyEditor(null));
	}

	@PostMapping("/lists")
	String createList(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/segments", () -> {
			segments.createList(tenancy.current(), name);
			return FormAction.Done.notice("List created.");
		});
	}

	@PostMapping("/lists/{id}/delete")
	String deleteList(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/segments", () -> {
			segments.deleteList(tenancy.current(), id);
			return FormAction.Done.notice("List deleted; its contacts stay.");
		});
	}

	@GetMapping("/segments/new")
	String newSegment(Model model) {
		return editor(null, "", new SegmentDefinition("all", List.of()), 0, model);
	}

	@GetMapping("/segments/{id}")
	String show(@PathVariable UUID id, Model model) {
		Segment segment = segments.segment(tenancy.current(), id);
		return editor(segment.id(), segment.name(), segment.definition(), 0, model);
	}

	/**
	 * Saves (new or existing), or with {@code action=more} shows the same form with more
	 * empty rows. A refused segment shows the form again as typed, with the reason.
	 */
	@PostMapping({ "/segments", "/segments/{id}" })
	String save(@PathVariable(required = false) UUID id, SegmentForm form, Model model, RedirectAttributes redirect) {
		SegmentDefinition definition = form.definition();
		if (form.wantsMoreRows()) {
			return editor(id, form.name(), definition, BLANK_ROWS, model);
		}
		try {
			Segment saved = id == null ? segments.createSegment(tenancy.current(), form.name(), definition)
					: segments.updateSegment(tenancy.current(), id, form.name(), definition);
			redirect.addFlashAttribute("notice",
					"Segment " + saved.name() + " saved: " + saved.contacts() + " contacts match now.");
			return "redirect:/segments/" + saved.id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return editor(id, form.name(), definition, 0, model);
		}
	}

	@PostMapping("/segments/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/segments", () -> {
			segments.deleteSegment(tenancy.current(), id);
			return FormAction.Done.notice("Segment deleted.");
		});
	}

	/** The live count fragment: the editor posts its rows on every change. */
	@PostMapping("/segments/count")
	String count(SegmentForm form, Model model) {
		SegmentDefinition definition = form.definition();
		try {
			Tenant tenant = tenancy.current();
			model.addAttribute("count", segments.count(tenant, definition));
			model.addAttribute("sample", segments.sample(tenant, definition, 5));
		}
		catch (Problem problem) {
			model.addAttribute("countError", problem.getMessage());
		}
		return "contacts/segment-editor :: count";
	}

	@GetMapping("/contacts/scoring")
	String scoring(Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("rules", scoring.rules(tenant));
		model.addAttribute("fields", fieldChoices(tenant));
		model.addAttribute("operators", OPERATORS);
		return "contacts/scoring";
	}

	@PostMapping("/contacts/scoring")
	String addRule(ScoringRuleForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/scoring", () -> {
			scoring.add(tenancy.current(), form.name(), form.condition(), form.parsedPoints());
			return FormAction.Done.notice("Rule added; every contact's score was recomputed.");
		});
	}

	@PostMapping("/contacts/scoring/{id}/delete")
	String deleteRule(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/contacts/scoring", () -> {
			scoring.delete(tenancy.current(), id);
			return FormAction.Done.notice("Rule deleted; scores recomputed.");
		});
	}

	private String editor(UUID id, String name, SegmentDefinition definition, int extraRows, Model model) {
		Tenant tenant = tenancy.current();
		List<Condition> rows = new ArrayList<>();
		for (Condition condition : definition.conditions()) {
			// A list condition shows as its list choice.
			rows.add(condition.field().equals("list") ? new Condition("list:" + condition.value(), condition.op(), "")
					: condition);
		}
		for (int i = 0; i < BLANK_ROWS + extraRows; i++) {
			rows.add(new Condition("", "", ""));
		}
		model.addAttribute("segmentId", id);
		model.addAttribute("name", name);
		model.addAttribute("match", "any".equals(definition.match()) ? "any" : "all");
		model.addAttribute("rows", rows);
		model.addAttribute("fields", fieldChoices(tenant));
		model.addAttribute("operators", OPERATORS);
		try {
			model.addAttribute("count", segments.count(tenant, definition));
			model.addAttribute("sample", segments.sample(tenant, definition, 5));
		}
		catch (Problem problem) {
			model.addAttribute("countError", problem.getMessage());
		}
		return "contacts/segment-editor";
	}

	private List<FieldChoice> fieldChoices(Tenant tenant) {
		List<FieldChoice> choices = new ArrayList<>();
		for (String field : List.of("email", "first_name", "last_name", "company", "title", "phone", "website",
				"linkedin_url", "time_zone", "country", "status", "score", "created_at", "role_address", "disposable",
				"mx_found")) {
			choices.add(new FieldChoice(field, field.replace('_', ' '), SegmentCompiler.standardType(field)));
		}
		for (CustomFields.Field field : customFields.list(tenant)) {
			choices.add(new FieldChoice("custom." + field.key(), field.label() + " (custom)", field.type()));
		}
		choices.add(new FieldChoice("tag", "tag", "membership"));
		for (ContactList list : segments.lists(tenant)) {
			choices.add(new FieldChoice("list:" + list.id(), "in list " + list.name(), "membership"));
		}
		return choices;
	}

}
