package com.penguinmails.webhooks.internal.endpoints;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an administrator of the installation decides about endpoints.
 *
 * @param allowHttp whether endpoint URLs may be plain {@code http://} (default false:
 * https only); env {@code PENGUINMAILS_WEBHOOKS_ALLOW_HTTP}
 * @param maxEndpoints how many endpoints (REST hooks included) a workspace may have
 * (default 50)
 */
@ConfigurationProperties("penguinmails.webhooks")
public record EndpointSettings(boolean allowHttp, Integer maxEndpoints) {

	public EndpointSettings {
		maxEndpoints = maxEndpoints == null || maxEndpoints < 1 ? 50 : maxEndpoints;
	}

}
