package com.penguinmails.system.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The system status settings ({@code penguinmails.system.*}).
 *
 * @param heartbeatEnabled whether this node writes its heartbeat every 30 s and samples
 * its resources every minute (tests call {@code Heartbeats.beat} and
 * {@code ResourceSampler.sample} themselves)
 * @param portProbeHost the host the outbound SMTP port check connects to (a well-known
 * MX); it must pass {@code penguinmails.network.allow} when private or loopback
 * @param portProbePorts the ports it tries, each with a TCP connect
 * @param portProbeTimeout how long one connect may take
 * @param portProbeCacheFor how long a probe's result is reused
 * @param checkTimeout how long one check may run on the status page before it is shown as
 * unknown
 * @param historyDays how many days of hourly resource rows are kept
 */
@ConfigurationProperties("penguinmails.system")
public record SystemProperties(boolean heartbeatEnabled, String portProbeHost, List<Integer> portProbePorts,
		Duration portProbeTimeout, Duration portProbeCacheFor, Duration checkTimeout, int historyDays) {

	public SystemProperties {
		portProbeHost = portProbeHost == null || portProbeHost.isBlank() ? "gmail-smtp-in.l.google.com"
				: portProbeHost.strip();
		portProbePorts = portProbePorts == null || portProbePorts.isEmpty() ? List.of(25, 465, 587)
				: List.copyOf(portProbePorts);
		portProbeTimeout = portProbeTimeout == null ? Duration.ofSeconds(5) : portProbeTimeout;
		portProbeCacheFor = portProbeCacheFor == null ? Duration.ofMinutes(15) : portProbeCacheFor;
		checkTimeout = checkTimeout == null ? Duration.ofSeconds(8) : checkTimeout;
		historyDays = historyDays <= 0 ? 90 : historyDays;
	}

}
