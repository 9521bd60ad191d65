/**
 * Sending domains and subdomains: DKIM keys, the DNS records to publish (SPF, DKIM,
 * DMARC, MX, tracking CNAME, ownership token) and their verification with real DNS
 * queries.
 * <p>
 * {@code Domains} is the API; {@code DomainStatus} and {@code DkimKeyStatus} are the
 * statuses. Inside: {@code DomainNames} holds the input rules (names, MX hosts, SPF
 * mechanisms), {@code DomainStore} the verification and key-rotation work over
 * {@code DomainRepository} (SQL of {@code domains}, {@code dkim_keys}),
 * {@code DnsTemplateRepository} and {@code DomainClaimRepository} the SQL of
 * {@code dns_templates} and {@code domain_claims}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package com.penguinmails.domains;
