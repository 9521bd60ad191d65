/**
 * Tracking: what recipients do with the messages. The open pixel and click redirect keep
 * every open and click as an event (machines' flagged, with the device people read on),
 * feed the campaigns' figures and A/B decisions with people's only, and publish
 * {@link com.penguinmails.tracking.MessageOpened} and
 * {@link com.penguinmails.tracking.LinkClicked}; the unsubscribe link (RFC 8058
 * one-click, and a preference page: this campaign or everything) publishes
 * {@link com.penguinmails.tracking.Unsubscribed}. It mints and checks the tokens of all
 * three links, and gives delivery and the campaigns the links of a message by
 * implementing {@link com.penguinmails.delivery.TrackingLinks}.
 * {@link com.penguinmails.tracking.TrackingStats} gives the figures.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "contacts", "delivery", "domains", "identity", "shared" })
package com.penguinmails.tracking;
