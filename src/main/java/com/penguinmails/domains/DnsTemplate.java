package com.penguinmails.domains;

import java.util.UUID;

/** Reusable settings for new domains: who sends (SPF) and where mail is received (MX). */
public record DnsTemplate(UUID id, String name, String spfMechanisms, boolean receivesMail, String mxHosts) {

	/**
	 * The request with this template's values wherever the request leaves a field empty.
	 */
	public NewDomain applyTo(NewDomain request) {
		boolean spfGiven = request.spfMechanisms() != null && !request.spfMechanisms().isBlank();
		boolean mxGiven = request.mxHosts() != null && !request.mxHosts().isBlank();
		return new NewDomain(request.name(), request.receivesMail() || receivesMail,
				mxGiven ? request.mxHosts() : mxHosts, spfGiven ? request.spfMechanisms() : spfMechanisms);
	}

}
