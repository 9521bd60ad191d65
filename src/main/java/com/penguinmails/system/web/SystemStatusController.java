package com.penguinmails.system.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.penguinmails.shared.Tenancy;
import com.penguinmails.system.SystemStatus;
import com.penguinmails.system.SystemStatusReport;
import com.penguinmails.system.SystemStatusReport.HourPoint;

/**
 * {@code /system}: the installation's status page for its admins: the checks run on load,
 * the nodes and the charts of the resource history (drawn by {@code /js/system-status.js}
 * from the canvas's {@code data-chart}).
 */
@Controller
class SystemStatusController {

	private static final Map<String, String> STATUS_LABELS = Map.of("ok", "OK", "warning", "Warning", "failing",
			"Failing", "unknown", "Unknown");

	/** The history's charts: the data-series each draws, and its caption. */
	private static final Map<String, String> CHARTS = charts();

	private final SystemStatus status;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	SystemStatusController(SystemStatus status, Tenancy tenancy, ObjectMapper json) {
		this.status = status;
		this.tenancy = tenancy;
		this.json = json;
	}

	@GetMapping("/system")
	String page(Model model) throws JsonProcessingException {
		SystemStatusReport report = status.status(tenancy.current());
		model.addAttribute("report", report);
		model.addAttribute("labels", STATUS_LABELS);
		model.addAttribute("chart", json.writeValueAsString(chart(report.history())));
		model.addAttribute("charts", CHARTS);
		return "system/status";
	}

	private static Map<String, String> charts() {
		Map<String, String> charts = new LinkedHashMap<>();
		charts.put("cpu", "CPU (% of all cores)");
		charts.put("heap", "Heap in use (MB)");
		charts.put("disk", "Disk used (GB)");
		charts.put("database", "Database size (MB)");
		charts.put("sends", "Sends per hour");
		charts.put("queue", "Queue depth (messages)");
		return java.util.Collections.unmodifiableMap(charts);
	}

	/** The history as one array per figure, in the units the charts show. */
	static Map<String, Object> chart(List<HourPoint> history) {
		double mb = 1024.0 * 1024;
		double gb = mb * 1024;
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("hours", history.stream().map(p -> p.hour().toString()).toList());
		chart.put("cpu", history.stream().map(HourPoint::cpuPercent).toList());
		chart.put("heap", history.stream().map(p -> round(p.heapUsedBytes() / mb)).toList());
		chart.put("heapMax", history.stream().map(p -> round(p.heapMaxBytes() / mb)).toList());
		chart.put("diskUsed", history.stream().map(p -> round((p.diskTotalBytes() - p.diskFreeBytes()) / gb)).toList());
		chart.put("diskTotal", history.stream().map(p -> round(p.diskTotalBytes() / gb)).toList());
		chart.put("database", history.stream().map(p -> round(p.databaseBytes() / mb)).toList());
		chart.put("sends", history.stream().map(HourPoint::sends).toList());
		chart.put("queue", history.stream().map(HourPoint::queueDepth).toList());
		return chart;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
