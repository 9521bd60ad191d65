package com.penguinmails.reputation.internal.postmaster;

import java.time.LocalDate;
import java.util.List;

/**
 * One day of one domain in Google Postmaster Tools: the v1 {@code TrafficStats} resource
 * with every documented field. Ratios are fractions 0–1; a field Google left out is
 * {@code null} (Postmaster omits what it has too little traffic to say).
 *
 * @param domain the domain, lower case
 * @param day the UTC day, from the resource name
 * {@code domains/{domain}/trafficStats/{YYYYMMDD}}
 * @param domainReputation {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code BAD}
 * @param userReportedSpamRatio spam reports over messages to active Gmail users
 * @param spamRatioLowerBound the lower bound of its confidence interval
 * @param spamRatioUpperBound the upper bound
 * @param spfSuccessRatio mail that passed SPF over all mail from the domain
 * @param dkimSuccessRatio passed DKIM
 * @param dmarcSuccessRatio passed DMARC
 * @param inboundEncryptionRatio mail received over TLS
 * @param outboundEncryptionRatio mail sent to the domain over TLS
 * @param ipReputations per reputation category: how many IPs and a sample of them
 * @param deliveryErrors rejected or temporarily failed mail by class and type
 * @param spammyFeedbackLoops Feedback-ID identifiers with unusual spam rates
 */
public record TrafficStat(String domain, LocalDate day, String domainReputation, Double userReportedSpamRatio,
		Double spamRatioLowerBound, Double spamRatioUpperBound, Double spfSuccessRatio, Double dkimSuccessRatio,
		Double dmarcSuccessRatio, Double inboundEncryptionRatio, Double outboundEncryptionRatio,
		List<IpReputation> ipReputations, List<DeliveryError> deliveryErrors, List<FeedbackLoop> spammyFeedbackLoops) {

	/**
	 * IPs of one reputation category.
	 *
	 * @param reputation HIGH, MEDIUM, LOW or BAD
	 * @param ipCount how many of the domain's sending IPs are in it
	 * @param sampleIps up to a few of them
	 */
	public record IpReputation(String reputation, long ipCount, List<String> sampleIps) {
	}

	/**
	 * A share of mail Gmail rejected or deferred.
	 *
	 * @param errorClass {@code PERMANENT_ERROR} or {@code TEMPORARY_ERROR}
	 * @param errorType e.g. {@code RATE_LIMIT_EXCEEDED}, {@code SUSPECTED_SPAM},
	 * {@code BAD_DMARC_POLICY}, {@code LOW_IP_REPUTATION}
	 * @param errorRatio the share of all mail, 0–1
	 */
	public record DeliveryError(String errorClass, String errorType, double errorRatio) {
	}

	/**
	 * A Feedback-ID identifier with an unusual spam rate.
	 *
	 * @param id the identifier
	 * @param spamRatio its spam ratio, 0–1
	 */
	public record FeedbackLoop(String id, double spamRatio) {
	}

	/** A reputation category as a level: 4 HIGH, 3 MEDIUM, 2 LOW, 1 BAD, 0 unknown. */
	public static int level(String reputation) {
		if (reputation == null) {
			return 0;
		}
		return switch (reputation) {
			case "HIGH" -> 4;
			case "MEDIUM" -> 3;
			case "LOW" -> 2;
			case "BAD" -> 1;
			default -> 0;
		};
	}

}
