package com.penguinmails.domains;

/**
 * What a user gives to add a domain.
 *
 * @param name the domain or subdomain, Unicode or punycode
 * @param receivesMail whether it receives mail (then MX records are expected)
 * @param mxHosts its mail servers, comma or space separated, when it receives mail
 * @param spfMechanisms what sends for it, e.g. {@code include:_spf.google.com}; empty
 * means the installation's default
 */
public record NewDomain(String name, boolean receivesMail, String mxHosts, String spfMechanisms) {
}
