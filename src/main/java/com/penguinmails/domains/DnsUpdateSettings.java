package com.penguinmails.domains;

/**
 * Where PenguinMails may publish a domain's records itself (RFC 2136 dynamic update,
 * signed with TSIG). The secret is write-only: it is stored encrypted and never returned.
 *
 * @param server the primary DNS server, {@code host} or {@code host:port}
 * @param zone the zone to update (the domain itself, or its parent for a subdomain)
 * @param keyName the TSIG key name
 * @param algorithm hmac-sha256 (default), hmac-sha512 or hmac-sha1
 * @param secret the TSIG secret in base64; blank keeps the stored one
 */
public record DnsUpdateSettings(String server, String zone, String keyName, String algorithm, String secret) {
}
