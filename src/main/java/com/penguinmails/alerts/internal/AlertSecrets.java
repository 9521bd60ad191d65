package com.penguinmails.alerts.internal;

import java.util.UUID;

/**
 * The encryption context of a channel's incoming-webhook URL ({@code shared.Secrets}).
 */
public final class AlertSecrets {

	private AlertSecrets() {
	}

	/**
	 * {@code "alert-channel:" + id}: a URL copied to another channel's row does not
	 * decrypt.
	 */
	public static String context(UUID channelId) {
		return "alert-channel:" + channelId;
	}

}
