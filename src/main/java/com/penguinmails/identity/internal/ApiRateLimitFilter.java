package com.penguinmails.identity.internal;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per API key (default 10 requests/s, burst 50), shared by all nodes
 * through PostgreSQL. Every response carries the RateLimit headers (IETF draft "RateLimit
 * header fields for HTTP"); an empty bucket answers 429 with {@code Retry-After}.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

	private final ProxyManager<String> buckets;

	private final int perSecond;

	private final int burst;

	ApiRateLimitFilter(ProxyManager<String> buckets, IdentityProperties properties) {
		this.buckets = buckets;
		this.perSecond = properties.apiRatePerSecond();
		this.burst = properties.apiBurst();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth instanceof ApiKeyAuthentication key)) {
			chain.doFilter(request, response);
			return;
		}
		BucketConfiguration config = BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
			.build();
		ConsumptionProbe probe = buckets.getProxy("api-key:" + key.tenant().apiKeyId(), () -> config)
			.tryConsumeAndReturnRemaining(1);
		long remaining = probe.getRemainingTokens();
		long secondsToFull = (long) Math.ceil((double) (burst - remaining) / perSecond);
		response.setHeader("RateLimit-Policy", burst + ";w=" + Math.max(1, burst / perSecond));
		response.setHeader("RateLimit-Limit", String.valueOf(burst));
		response.setHeader("RateLimit-Remaining", String.valueOf(remaining));
		if (probe.isConsumed()) {
			response.setHeader("RateLimit-Reset", String.valueOf(secondsToFull));
			chain.doFilter(request, response);
			return;
		}
		long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000.0));
		response.setHeader("RateLimit-Reset", String.valueOf(retryAfter));
		response.setHeader("Retry-After", String.valueOf(retryAfter));
		ApiProblems.write(response, 429, "rate-limited", "Too Many Requests", "This API key sent more than " + perSecond
				+ " requests per second (burst " + burst + "). Retry after " + retryAfter + " s.");
	}

}
