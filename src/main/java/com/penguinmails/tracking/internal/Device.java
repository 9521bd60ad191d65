package com.penguinmails.tracking.internal;

/**
 * What a User-Agent says of the reader's device, as Yauaa names them: its class
 * ({@code Phone}, {@code Desktop}, {@code Tablet}, {@code Robot}...), the client
 * ({@code Safari}, {@code Microsoft Outlook}...) and the operating system; all null when
 * the agent was not analysed.
 */
public record Device(String deviceClass, String client, String os) {

	/** Not analysed: no User-Agent, or the analyzer not ready yet. */
	public static final Device UNKNOWN = new Device(null, null, null);

	/** Whether the agent is a robot's (a crawler, a script, a hacking attempt). */
	public boolean robot() {
		return deviceClass != null
				&& (deviceClass.startsWith("Robot") || deviceClass.equals("Hacker") || deviceClass.equals("Spy"));
	}

}
