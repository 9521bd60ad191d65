package com.penguinmails.analytics.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.analytics.ContactTimeline;
import com.penguinmails.shared.Tenancy;

/**
 * The activity timeline on a contact's page: a fragment the page loads with htmx, so
 * contacts need not know about mail and tracking. {@code group} filters (all, mail,
 * engagement, changes); {@code cursor} answers "Load more" with the next entries only.
 */
@Controller
class ContactTimelineController {

	static final int PAGE = 25;

	/** Badge words for each entry kind. */
	static final Map<String, String> LABELS = Map.ofEntries(Map.entry("sent", "Sent"), Map.entry("queued", "Queued"),
			Map.entry("failed", "Not sent"), Map.entry("opened", "Opened"), Map.entry("clicked", "Clicked"),
			Map.entry("replied", "Reply"), Map.entry("auto_replied", "Auto-reply"), Map.entry("bounced", "Bounce"),
			Map.entry("complained", "Complaint"), Map.entry("unsubscribed", "Unsubscribed"),
			Map.entry("received", "Mail"), Map.entry("created", "Created"), Map.entry("updated", "Edited"),
			Map.entry("status", "Status"), Map.entry("tag_added", "Tag"), Map.entry("tag_removed", "Tag"),
			Map.entry("list_added", "List"), Map.entry("list_removed", "List"), Map.entry("imported", "Import"));

	private final ContactTimeline timeline;

	private final Tenancy tenancy;

	private final Clock clock;

	ContactTimelineController(ContactTimeline timeline, Tenancy tenancy, Clock clock) {
		this.timeline = timeline;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	/** The page's helper: "3 hours ago" for an instant. */
	public record Ago(Instant now) {

		public String of(Instant at) {
			long seconds = Duration.between(at, now).getSeconds();
			if (seconds < 0) {
				return "in the future";
			}
			if (seconds < 60) {
				return "just now";
			}
			if (seconds < 3600) {
				return count(seconds / 60, "minute");
			}
			if (seconds < 86400) {
				return count(seconds / 3600, "hour");
			}
			if (seconds < 86400L * 60) {
				return count(seconds / 86400, "day");
			}
			return count(seconds / (86400L * 30), "month");
		}

		private static String count(long n, String unit) {
			return n + " " + unit + (n == 1 ? "" : "s") + " ago";
		}

	}

	@GetMapping("/contacts/{id}/timeline")
	String timeline(@PathVariable UUID id, @RequestParam(defaultValue = "all") String group,
			@RequestParam(required = false) String cursor, Model model) {
		String shown = ContactTimeline.GROUPS.contains(group) ? group : "all";
		var page = timeline.of(tenancy.current(), id, cursor, PAGE, shown.equals("all") ? Set.of() : Set.of(shown));
		model.addAttribute("contactId", id);
		model.addAttribute("group", shown);
		model.addAttribute("page", page);
		model.addAttribute("ago", new Ago(clock.instant()));
		model.addAttribute("labels", LABELS);
		return cursor == null || cursor.isBlank() ? "analytics/contact-timeline :: timeline"
				: "analytics/contact-timeline :: entries";
	}

}
