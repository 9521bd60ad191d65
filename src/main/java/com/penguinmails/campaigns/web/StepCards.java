package com.penguinmails.campaigns.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;

/**
 * Builds the step cards of the campaign page (model attributes {@code cards},
 * {@code templates}, and {@code card} for one card); times in the campaign's time zone.
 */
@Component
class StepCards {

	private final Templates templates;

	StepCards(Templates templates) {
		this.templates = templates;
	}

	/** Every step's card, closed unless it needs writing or holds a draft. */
	void sequence(Tenant tenant, Campaign campaign, Model model) {
		Map<UUID, EmailTemplate> byId = templates(tenant);
		List<StepView> cards = new ArrayList<>();
		for (int i = 0; i < campaign.steps().size(); i++) {
			cards.add(StepView.of(i + 1, campaign.steps().get(i), byId, zone(campaign), null, false));
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("cards", cards);
		model.addAttribute("templates", byId.values());
	}

	/**
	 * Step {@code n}'s card, open: {@code shown} in place of the stored step when given
	 * (what was typed, after a problem); {@code savedAt} says "Saved 10:42".
	 */
	void card(Tenant tenant, Campaign campaign, int n, Step shown, Instant savedAt, Model model) {
		sequence(tenant, campaign, model);
		if (n >= 1 && n <= campaign.steps().size()) {
			Step step = shown != null ? shown : campaign.steps().get(n - 1);
			model.addAttribute("card", StepView.of(n, step, templates(tenant), zone(campaign), savedAt, true));
		}
	}

	private Map<UUID, EmailTemplate> templates(Tenant tenant) {
		return templates.list(tenant).stream().collect(Collectors.toMap(EmailTemplate::id, Function.identity()));
	}

	static ZoneId zone(Campaign campaign) {
		try {
			return ZoneId.of(campaign.schedule().timeZone());
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

}
