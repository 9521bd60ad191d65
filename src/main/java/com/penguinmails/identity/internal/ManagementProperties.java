package com.penguinmails.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the actuator beyond health ({@code /actuator/prometheus} and the rest):
 * HTTP Basic with these credentials, e.g. Prometheus's {@code basic_auth}.
 *
 * @param metricsUsername the user name ({@code metrics} by default)
 * @param metricsPassword the password ({@code PENGUINMAILS_METRICS_PASSWORD}); empty:
 * nobody may read those endpoints
 */
@ConfigurationProperties("penguinmails.management")
record ManagementProperties(String metricsUsername, String metricsPassword) {
}
