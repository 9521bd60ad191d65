package com.penguinmails.webhooks.internal.endpoints;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.webhooks.EndpointRequest;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.WebhookEndpoint;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository.Fields;
import com.penguinmails.webhooks.internal.filter.EventFilter;
import com.penguinmails.webhooks.internal.filter.PayloadTransform;

/**
 * What an endpoint may be: its URL (https unless the administrator allows http; a host
 * that {@link NetworkPolicy} accepts when saved, the senders check again when they
 * connect), known event types, a filter and a transformation that compile. Every refusal
 * is a 400 problem saying what to change.
 */
@Component
public class EndpointRules {

	/** The longest URL accepted, in characters. */
	public static final int MAX_URL = 2048;

	/** The longest description accepted, in characters. */
	public static final int MAX_DESCRIPTION = 300;

	private final NetworkPolicy network;

	private final EndpointSettings settings;

	private final EventFilter filter;

	private final PayloadTransform transform;

	public EndpointRules(NetworkPolicy network, EndpointSettings settings, EventFilter filter,
			PayloadTransform transform) {
		this.network = network;
		this.settings = settings;
		this.filter = filter;
		this.transform = transform;
	}

	/** The administrator's settings. */
	public EndpointSettings settings() {
		return settings;
	}

	/**
	 * The fields to store: the request's, or the current endpoint's where the request
	 * leaves one null (an update); {@code current} is null on create.
	 * @throws InvalidInputProblem what is wrong, for a person
	 */
	public Fields fields(EndpointRequest request, WebhookEndpoint current) {
		String url = request.url() != null || current == null ? url(request.url()) : current.url();
		String description = request.description() != null ? description(request.description())
				: current == null ? "" : current.description();
		List<String> types = request.eventTypes() != null || current == null ? eventTypes(request.eventTypes())
				: current.eventTypes();
		String filterText = request.filter() != null ? request.filter().strip()
				: current == null ? "" : current.filter();
		String transformText = request.transform() != null ? request.transform().strip()
				: current == null ? "" : current.transform();
		filter.check(filterText);
		transform.check(transformText);
		return new Fields(url, description, types, filterText, transformText);
	}

	/**
	 * A URL events may be POSTed to.
	 * @throws InvalidInputProblem {@code invalid-url} or {@code address-not-allowed}
	 */
	public String url(String value) {
		String url = value == null ? "" : value.strip();
		if (url.isEmpty()) {
			throw new InvalidInputProblem("invalid-url", "Give the URL events are sent to (https://…).");
		}
		if (url.length() > MAX_URL) {
			throw new InvalidInputProblem("invalid-url", "The URL is longer than " + MAX_URL + " characters.");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputProblem("invalid-url", "Not a URL: " + ex.getReason() + ".");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		boolean http = scheme.equals("http");
		if (!scheme.equals("https") && !(http && settings.allowHttp())) {
			throw new InvalidInputProblem("invalid-url",
					http ? "The URL must start with https:// (an administrator can allow http with "
							+ "PENGUINMAILS_WEBHOOKS_ALLOW_HTTP=true)." : "The URL must start with https://.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new InvalidInputProblem("invalid-url", "The URL has no host name.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidInputProblem("invalid-url",
					"Leave the user name and password out of the URL: the delivery log shows URLs; check the "
							+ "signature instead.");
		}
		int port = uri.getPort() > 0 ? uri.getPort() : http ? 80 : 443;
		network.check(uri.getHost(), port);
		return url;
	}

	/**
	 * Known wire names, without duplicates, in the catalogue's order; {@code ["*"]} when
	 * {@code "*"} is one of them.
	 */
	public List<String> eventTypes(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidInputProblem("invalid-event-types",
					"Choose at least one event type, or \"*\" for all of them.");
		}
		Set<String> chosen = new LinkedHashSet<>();
		for (String value : values) {
			String type = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
			if (type.equals("*")) {
				return List.of("*");
			}
			if (EventType.of(type).isEmpty()) {
				throw new InvalidInputProblem("invalid-event-types",
						"Unknown event type '" + value + "': see GET /api/v1/webhooks/event-types for the catalogue.");
			}
			chosen.add(type);
		}
		List<String> ordered = new ArrayList<>();
		for (EventType type : EventType.values()) {
			if (chosen.contains(type.type())) {
				ordered.add(type.type());
			}
		}
		return ordered;
	}

	private static String description(String value) {
		String description = value.strip();
		if (description.length() > MAX_DESCRIPTION) {
			throw new InvalidInputProblem("invalid-description",
					"The description is longer than " + MAX_DESCRIPTION + " characters.");
		}
		return description;
	}

}
