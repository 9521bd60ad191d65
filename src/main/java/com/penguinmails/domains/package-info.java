/**
 * Sending domains and subdomains: DKIM keys, the DNS records to publish (SPF, DKIM,
 * DMARC, MX, tracking CNAME, ownership token) and their verification with real DNS
 * queries.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package com.penguinmails.domains;
