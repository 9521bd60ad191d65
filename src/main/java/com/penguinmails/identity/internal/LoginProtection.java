package com.penguinmails.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The defences around the login form: per-account lockout (5 failures lock it for 15
 * minutes), a per-IP token bucket, and the CAPTCHA owed by an IP after 3 failures. Every
 * attempt is recorded for the user's login activity and the audit log.
 */
@Service
public class LoginProtection {

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final UserRepository users;

	private final LoginAttemptRepository attempts;

	private final SecurityEvents events;

	private final ProxyManager<String> buckets;

	private final IdentityProperties properties;

	private final Clock clock;

	LoginProtection(UserRepository users, LoginAttemptRepository attempts, SecurityEvents events,
			ProxyManager<String> buckets, IdentityProperties properties, Clock clock) {
		this.users = users;
		this.attempts = attempts;
		this.events = events;
		this.buckets = buckets;
		this.properties = properties;
		this.clock = clock;
	}

	/** Takes one login attempt from the IP's bucket; false means throttled. */
	public boolean tryAcquire(String ip) {
		return bucket(ip).tryConsume(1);
	}

	private BucketProxy bucket(String ip) {
		Supplier<BucketConfiguration> config = () -> BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(properties.ipLoginAttemptsPer15Minutes())
				.refillGreedy(properties.ipLoginAttemptsPer15Minutes(), WINDOW))
			.build();
		return buckets.getProxy("login-ip:" + ip, config);
	}

	public boolean captchaRequired(String ip) {
		return attempts.recentFailuresFromIp(ip, clock.instant().minus(WINDOW)) >= properties.captchaAfterFailures();
	}

	/**
	 * Records a failure in its own transaction, so it sticks even though the login fails.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void failed(UserAccount user, String email, LoginDetails details, String reason) {
		Instant now = clock.instant();
		UUID userId = user == null ? null : user.id();
		if (user != null && !"locked".equals(reason) && !"unverified".equals(reason)) {
			int failures = users.recordFailure(user.id(), properties.lockoutThreshold(),
					now.plus(properties.lockoutDuration()));
			if (failures == properties.lockoutThreshold()) {
				events.account("login.locked", user.id(), user.email(), "", details.ip());
			}
		}
		attempts.record(userId, email, details, false, reason, now);
		events.account("login.failed", userId, email, reason, details.ip());
	}

	@Transactional
	public void succeeded(UserAccount user, LoginDetails details, String how) {
		users.resetFailures(user.id());
		// A login that succeeds gives its IP the attempt back: the bucket is there to
		// slow
		// password spraying, and colleagues behind one NAT address all log in every
		// morning.
		if (details.ip() != null && !details.ip().isBlank()) {
			bucket(details.ip()).addTokens(1);
		}
		attempts.record(user.id(), user.email(), details, true, how, clock.instant());
		events.account("login.succeeded", user.id(), user.email(), how, details.ip());
	}

	/**
	 * A lock whose time is over is lifted, and its failures forgotten, at the next
	 * attempt.
	 */
	@Transactional
	public UserAccount liftExpiredLock(UserAccount user) {
		if (user.lockedUntil() != null && !user.lockedAt(clock.instant())) {
			users.resetFailures(user.id());
			return users.findById(user.id()).orElseThrow();
		}
		return user;
	}

	public Instant now() {
		return clock.instant();
	}

}
