/**
 * Inbound mail: the IMAP sync of every mailbox (IDLE where offered), the classifier
 * (pure: replies, auto-replies, RFC 3464 bounces with a
 * {@link com.penguinmails.shared.BounceReason}, ARF complaints, unsubscribes), matching
 * to what we sent through delivery's outbox, the actions that follow (suppression,
 * pausing a refused or complained-about mailbox) and the events that tell the rest
 * ({@link com.penguinmails.inbound.ReplyReceived},
 * {@link com.penguinmails.inbound.BounceReceived}, ...: campaigns stop sequences from
 * them). The unified inbox ({@link com.penguinmails.inbound.Inbox}) reads its own tables
 * ({@code internal.InboxRepository}); its replies are queued in delivery's outbox like
 * every message. It never calls campaigns: the inbox's campaign filter asks
 * {@link com.penguinmails.inbound.CampaignNames}, which campaigns provides; it leaves
 * warmup mail alone by asking every {@link com.penguinmails.inbound.WarmupFilter}, which
 * warmup provides. A DMARC aggregate report is stored as read, matched to nothing, and
 * announced ({@link com.penguinmails.inbound.DmarcReportReceived}) for reputation to read
 * through {@link com.penguinmails.inbound.DmarcReportMail}, which also keeps the
 * mailboxes and folders reports arrive in (the sync reads such a folder too). The
 * composer uses templates (snippets, and its Liquid renderer for a reply's variables);
 * templates never uses inbound.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "contacts", "delivery", "mailboxes", "shared", "templates" })
package com.penguinmails.inbound;
