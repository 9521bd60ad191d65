package com.penguinmails.reputation.internal.postmaster;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the Postmaster Tools v1 {@code TrafficStats} JSON resource. Unknown categories
 * ({@code REPUTATION_CATEGORY_UNSPECIFIED}) are kept as written; a field absent from the
 * resource stays null; int64 counts come as JSON strings (proto3 JSON mapping).
 */
final class TrafficStats {

	private TrafficStats() {
	}

	/** The day's stats, or null when the resource name carries no day. */
	static TrafficStat parse(String domain, JsonNode stat) {
		String name = stat.path("name").asText("");
		int slash = name.lastIndexOf('/');
		LocalDate day;
		try {
			day = LocalDate.parse(name.substring(slash + 1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
		return new TrafficStat(domain.toLowerCase(Locale.ROOT), day, text(stat, "domainReputation"),
				ratio(stat, "userReportedSpamRatio"), ratio(stat, "userReportedSpamRatioLowerBound"),
				ratio(stat, "userReportedSpamRatioUpperBound"), ratio(stat, "spfSuccessRatio"),
				ratio(stat, "dkimSuccessRatio"), ratio(stat, "dmarcSuccessRatio"),
				ratio(stat, "inboundEncryptionRatio"), ratio(stat, "outboundEncryptionRatio"), ipReputations(stat),
				deliveryErrors(stat), feedbackLoops(stat));
	}

	private static List<TrafficStat.IpReputation> ipReputations(JsonNode stat) {
		List<TrafficStat.IpReputation> list = new ArrayList<>();
		for (JsonNode ip : stat.path("ipReputations")) {
			List<String> samples = new ArrayList<>();
			ip.path("sampleIps").forEach(sample -> samples.add(sample.asText()));
			list.add(new TrafficStat.IpReputation(ip.path("reputation").asText("REPUTATION_CATEGORY_UNSPECIFIED"),
					ip.path("ipCount").asLong(0), List.copyOf(samples)));
		}
		return List.copyOf(list);
	}

	private static List<TrafficStat.DeliveryError> deliveryErrors(JsonNode stat) {
		List<TrafficStat.DeliveryError> list = new ArrayList<>();
		for (JsonNode error : stat.path("deliveryErrors")) {
			list.add(new TrafficStat.DeliveryError(error.path("errorClass").asText("DELIVERY_ERROR_CLASS_UNSPECIFIED"),
					error.path("errorType").asText("DELIVERY_ERROR_TYPE_UNSPECIFIED"),
					error.path("errorRatio").asDouble(0)));
		}
		return List.copyOf(list);
	}

	private static List<TrafficStat.FeedbackLoop> feedbackLoops(JsonNode stat) {
		List<TrafficStat.FeedbackLoop> list = new ArrayList<>();
		for (JsonNode loop : stat.path("spammyFeedbackLoops")) {
			list.add(new TrafficStat.FeedbackLoop(loop.path("id").asText(""), loop.path("spamRatio").asDouble(0)));
		}
		return List.copyOf(list);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asText();
	}

	private static Double ratio(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		double ratio = value.asDouble(Double.NaN);
		return Double.isFinite(ratio) ? ratio : null;
	}

}
