package com.penguinmails.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings under {@code penguinmails.identity}; defaults in
 * {@code application.yml}.
 */
@ConfigurationProperties("penguinmails.identity")
public record IdentityProperties(int lockoutThreshold, Duration lockoutDuration, int captchaAfterFailures,
		int ipLoginAttemptsPer15Minutes, Duration verificationTokenTtl, Duration resetTokenTtl,
		Duration emailChangeTokenTtl, Duration invitationTtl, Duration rememberMeValidity, int apiRatePerSecond,
		int apiBurst) {
}
