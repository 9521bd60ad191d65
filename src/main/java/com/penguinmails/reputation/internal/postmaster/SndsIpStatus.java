package com.penguinmails.reputation.internal.postmaster;

/**
 * One row of the Microsoft SNDS IP status feed: a range of the key's IPs and whether
 * Outlook.com blocks it.
 *
 * @param firstIp the first address of the range
 * @param lastIp the last address
 * @param blocked whether mail from the range is blocked ("Yes" in the feed)
 * @param details the reason SNDS gives, or null
 */
public record SndsIpStatus(String firstIp, String lastIp, boolean blocked, String details) {
}
