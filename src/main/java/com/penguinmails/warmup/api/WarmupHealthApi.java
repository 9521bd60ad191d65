package com.penguinmails.warmup.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.Tenancy;
import com.penguinmails.warmup.HealthScore;
import com.penguinmails.warmup.WarmupHealth;

@RestController
@RequestMapping(path = "/api/v1/warmup", produces = "application/json")
@Tag(name = "Warmup", description = WarmupApi.TAG)
@SecurityRequirement(name = "apiKey")
class WarmupHealthApi {

	/**
	 * A mailbox's warmup health.
	 *
	 * @param score the latest score 0–100, or null when not measured yet
	 * @param measuredOn the last of the 7 days the latest score counts, or null
	 * @param breakdown what the latest score is made of, or null
	 * @param series the score of each measured day of the period, oldest first
	 */
	record Health(UUID mailboxId, String email, Integer score, LocalDate measuredOn, Breakdown breakdown,
			List<Day> series) {
	}

	/**
	 * The parts of a score (see {@link HealthScore}).
	 *
	 * @param inbox warmup messages found in the inbox in the 7 days
	 * @param spam found in spam
	 * @param other found in another folder
	 * @param missing never found
	 * @param placementPoints 0–70
	 * @param spf SPF passes for the mailbox's domain
	 * @param dkim an active DKIM key is published
	 * @param dmarc DMARC is published
	 * @param dnsPoints 0–15
	 * @param bounceRate bounces over campaign mail sent in 7 days, a fraction
	 * @param bouncePoints 0–10
	 * @param complaintRate complaints over campaign mail sent in 7 days, a fraction
	 * @param complaintPoints 0–5
	 */
	record Breakdown(int inbox, int spam, int other, int missing, double placementPoints, boolean spf, boolean dkim,
			boolean dmarc, int dnsPoints, double bounceRate, double bouncePoints, double complaintRate,
			double complaintPoints) {

		static Breakdown of(HealthScore p) {
			return new Breakdown(p.inbox(), p.spam(), p.other(), p.missing(), round(p.placementPoints()), p.spf(),
					p.dkim(), p.dmarc(), p.dnsPoints(), p.bounceRate(), round(p.bouncePoints()), p.complaintRate(),
					round(p.complaintPoints()));
		}

		private static double round(double points) {
			return Math.round(points * 100) / 100.0;
		}

	}

	/** One measured day. */
	record Day(LocalDate day, int score) {
	}

	private final WarmupHealth health;

	private final Tenancy tenancy;

	private final Clock clock;

	WarmupHealthApi(WarmupHealth health, Tenancy tenancy, Clock clock) {
		this.health = health;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping("/mailboxes/{id}/health")
	@Operation(summary = "A mailbox's warmup health: the latest score with what makes it, and the score per day")
	@ApiResponse(responseCode = "200", description = "The score and its series (score null until measured)")
	@ApiResponse(responseCode = "400", description = "days out of 1–365")
	@ApiResponse(responseCode = "404", description = "No such mailbox in the workspace")
	Health health(@PathVariable UUID id,
			@Parameter(description = "Days of the series, ending today (UTC): 1–365") @RequestParam(
					defaultValue = "30") int days) {
		WarmupHealth.History history = health.history(tenancy.current(), id, days,
				LocalDate.now(clock.withZone(ZoneOffset.UTC)));
		WarmupHealth.Measure current = history.current();
		return new Health(id, history.email(), current == null ? null : current.score(),
				current == null ? null : current.day(), current == null ? null : Breakdown.of(current.parts()),
				history.series().stream().map(m -> new Day(m.day(), m.score())).toList());
	}

}
