package com.penguinmails.reputation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.reputation.ReputationTimeline;
import com.penguinmails.reputation.TimelineLinks;
import com.penguinmails.reputation.internal.timeline.Subjects;
import com.penguinmails.shared.Tenancy;

/**
 * The reputation overview ({@code /reputation}: every domain, IP and mailbox with its
 * score, trend and worst part) and one subject's timeline
 * ({@code /reputation/{domain|ip|mailbox}/{key}}: a chart, the table of days and the
 * score's breakdown).
 */
@Controller
class TimelineController {

	/** Days a timeline page shows unless asked otherwise. */
	static final int DAYS = 30;

	private final ReputationTimeline timeline;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	private final Clock clock;

	private final TimelineLinks links;

	TimelineController(ReputationTimeline timeline, TimelineLinks links, Tenancy tenancy, ObjectMapper json,
			Clock clock) {
		this.timeline = timeline;
		this.links = links;
		this.tenancy = tenancy;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/reputation")
	String overview(Model model) {
		List<ReputationTimeline.Summary> summaries = timeline.overview(tenancy.current(), today());
		model.addAttribute("summaries", summaries);
		return "reputation/overview";
	}

	@GetMapping("/reputation/{kind:domain|ip|mailbox}/{key}")
	String subject(@PathVariable String kind, @PathVariable String key,
			@RequestParam(defaultValue = "" + DAYS) int days, Model model) throws JsonProcessingException {
		ReputationTimeline.Timeline t = timeline.timeline(tenancy.current(), kind, key, days, today());
		model.addAttribute("timeline", t);
		model.addAttribute("related", links.of(tenancy.current(), kind, key));
		model.addAttribute("days", days);
		Map<String, String> labels = new LinkedHashMap<>();
		t.names().forEach(n -> labels.put(n, Subjects.label(n)));
		model.addAttribute("labels", labels);
		List<TimelineRows.Row> rows = new ArrayList<>(TimelineRows.rows(t));
		java.util.Collections.reverse(rows);
		model.addAttribute("rows", rows);
		model.addAttribute("chart", json.writeValueAsString(TimelineRows.chart(t)));
		return "reputation/timeline";
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

}
