package com.penguinmails.shared.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says once, when the application is up, where a person opens it: "PenguinMails is ready
 * at http://localhost:8080 (sandbox mail: http://localhost:8080/sandbox/mail)". The
 * address is this machine's at the port the web server really listens on (the sandbox's
 * page shows everything only to a browser on this machine); a configured public address
 * ({@code penguinmails.base-url}) that differs is named after it. And says when it stops
 * (Ctrl-C, a stop signal), before the web server, the schedulers and the embedded
 * database shut down.
 */
@Component
class ReadyAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger("com.penguinmails.PenguinMailsApplication");

	private final Environment environment;

	ReadyAnnouncement(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
			log.info(line(web.getWebServer().getPort()));
		}
	}

	@EventListener(ContextClosedEvent.class)
	void stopping() {
		log.info("PenguinMails is stopping");
	}

	/** The line for a web server on {@code port}. */
	String line(int port) {
		String local = "http://localhost:" + port;
		StringBuilder line = new StringBuilder("PenguinMails is ready at ").append(local);
		// The sandbox module's page; read as a property so that shared depends on no
		// feature.
		if (environment.getProperty("penguinmails.sandbox.enabled", Boolean.class, false)) {
			line.append(" (sandbox mail: ").append(local).append("/sandbox/mail)");
		}
		String publicAddress = environment.getProperty("penguinmails.base-url", "");
		if (!publicAddress.isBlank() && !publicAddress.replaceAll("/+$", "").equals(local)) {
			line.append("; public address ").append(publicAddress);
		}
		return line.toString();
	}

}
