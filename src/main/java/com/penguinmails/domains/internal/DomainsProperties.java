package com.penguinmails.domains.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Domain settings under {@code penguinmails.domains}.
 *
 * @param resolvers DNS servers to verify against, as {@code host} or {@code host:port};
 * empty means the system's resolvers
 * @param timeout how long one DNS query may take before the answer is "unknown"
 * @param defaultSpfMechanisms what a new domain's SPF record authorises unless the user
 * says otherwise, for example {@code include:_spf.google.com}
 * @param trackingTarget the host the tracking CNAME points at; empty means the host of
 * the base URL
 * @param dmarcRua the DMARC aggregate report address; {@code {domain}} is replaced by the
 * domain
 * @param recheckInterval how often every domain is verified again
 * @param verifyConcurrency how many domains one node verifies at once (each runs its DNS
 * queries one after the other)
 * @param blocklists a CSV of DNS blocklists (zone,type,name,listed,refused,delist)
 * replacing the shipped one; empty means the shipped list
 */
@ConfigurationProperties("penguinmails.domains")
public record DomainsProperties(List<String> resolvers, Duration timeout, String defaultSpfMechanisms,
		String trackingTarget, String dmarcRua, Duration recheckInterval, int verifyConcurrency, String blocklists,
		List<String> propagationResolvers) {
}
