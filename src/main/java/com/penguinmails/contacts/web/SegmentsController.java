package com.penguinmails.contacts.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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

	@PostMapping("/lists")
	String createList(@RequestParam String name, RedirectAttributes redirect) {
		try {
			segments.createList(tenancy.current(), name);
			redirect.addFlashAttribute("notice", "List created.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/segments";
	}

	@PostMapping("/lists/{id}/delete")
	String deleteList(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			segments.deleteList(tenancy.current(), id);
			redirect.addFlashAttribute("notice", "List deleted; its contacts stay.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/segments";
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
	 * empty rows.
	 */
	@PostMapping({ "/segments", "/segments/{id}" })
	String save(@PathVariable(required = false) UUID id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "all") String match, @RequestParam(defaultValue = "save") String action,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		SegmentDefinition definition = definition(match, request);
		if (action.equals("more")) {
			return editor(id, name, definition, BLANK_ROWS, model);
		}
		try {
			Segment saved = id == null ? segments.createSegment(tenancy.current(), name, definition)
					: segments.updateSegment(tenancy.current(), id, name, definition);
			redirect.addFlashAttribute("notice",
					"Segment " + saved.name() + " saved: " + saved.contacts() + " contacts match now.");
			return "redirect:/segments/" + saved.id();
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
			return editor(id, name, definition, 0, model);
		}
	}

	@PostMapping("/segments/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			segments.deleteSegment(tenancy.current(), id);
			redirect.addFlashAttribute("notice", "Segment deleted.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/segments";
	}

	/** The live count fragment: the editor posts its rows on every change. */
	@PostMapping("/segments/count")
	String count(@RequestParam(defaultValue = "all") String match, HttpServletRequest request, Model model) {
		SegmentDefinition definition = definition(match, request);
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
	String addRule(@RequestParam(defaultValue = "") String name, @RequestParam String field, @RequestParam String op,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "0") String points,
			RedirectAttributes redirect) {
		try {
			int parsed;
			try {
				parsed = Integer.parseInt(points.strip());
			}
			catch (NumberFormatException ex) {
				throw new com.penguinmails.shared.InvalidInputProblem("invalid-points",
						"Points are a whole number from -1000 to 1000.");
			}
			scoring.add(tenancy.current(), name, condition(field, op, value), parsed);
			redirect.addFlashAttribute("notice", "Rule added; every contact's score was recomputed.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/contacts/scoring";
	}

	@PostMapping("/contacts/scoring/{id}/delete")
	String deleteRule(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			scoring.delete(tenancy.current(), id);
			redirect.addFlashAttribute("notice", "Rule deleted; scores recomputed.");
		}
		catch (Problem problem) {
			redirect.addFlashAttribute("error", problem.getMessage());
		}
		return "redirect:/contacts/scoring";
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
			choices.add(new FieldChoice("custom." + field.key(), field.key() + " (custom)", field.type()));
		}
		choices.add(new FieldChoice("tag", "tag", "membership"));
		for (ContactList list : segments.lists(tenant)) {
			choices.add(new FieldChoice("list:" + list.id(), "in list " + list.name(), "membership"));
		}
		return choices;
	}

	/**
	 * The rows of the form (parallel field, op and value parameters, read raw so a value
	 * with commas stays whole); rows with no field are left out.
	 */
	private static SegmentDefinition definition(String match, HttpServletRequest request) {
		List<Condition> conditions = new ArrayList<>();
		String[] fields = values(request, "field");
		String[] ops = values(request, "op");
		String[] values = values(request, "value");
		for (int i = 0; i < fields.length; i++) {
			if (fields[i].isBlank()) {
				continue;
			}
			conditions.add(condition(fields[i], i < ops.length ? ops[i] : "", i < values.length ? values[i] : ""));
		}
		return new SegmentDefinition("any".equals(match) ? "any" : "all", conditions);
	}

	private static String[] values(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null ? new String[0] : values;
	}

	private static Condition condition(String field, String op, String value) {
		if (field.startsWith("list:")) {
			return new Condition("list", op, field.substring(5));
		}
		return new Condition(field, op, value);
	}

}
