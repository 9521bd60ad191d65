package com.penguinmails.warmup.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

import com.penguinmails.shared.Tenancy;
import com.penguinmails.warmup.WarmupHealth;

/**
 * A mailbox's warmup health: the HTML fragment the mailbox's warmup page loads with htmx
 * ({@code HX-Request}), or the same inside the layout when opened directly.
 */
@Controller
class HealthController {

	/** Days the chart shows. */
	static final int CHART_DAYS = 30;

	private final WarmupHealth health;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	private final Clock clock;

	HealthController(WarmupHealth health, Tenancy tenancy, ObjectMapper json, Clock clock) {
		this.health = health;
		this.tenancy = tenancy;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/warmup/mailboxes/{id}/health")
	String health(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model)
			throws JsonProcessingException {
		WarmupHealth.History history = health.history(tenancy.current(), id, CHART_DAYS,
				LocalDate.now(clock.withZone(ZoneOffset.UTC)));
		model.addAttribute("history", history);
		model.addAttribute("view", history.current() == null ? null : HealthView.of(history.current()));
		List<Map<String, Object>> series = history.series()
			.stream()
			.map(m -> Map.<String, Object>of("day", m.day().toString(), "score", m.score()))
			.toList();
		model.addAttribute("series", json.writeValueAsString(series));
		return htmx != null ? "warmup/health :: health" : "warmup/health-page";
	}

}
