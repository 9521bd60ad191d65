package com.penguinmails.inbound.internal;

import java.util.List;

/** STUB. */
public final class InboundClassifier {

	public static Classification classify(jakarta.mail.internet.MimeMessage message) {
		return new Classification(Classification.Kind.MESSAGE, List.of(), null, null, null, List.of());
	}

}
