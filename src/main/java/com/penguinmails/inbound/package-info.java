/**
 * Inbound mail: IMAP sync, reply detection, bounce (DSN) and complaint (ARF) parsing, the
 * unified inbox.
 */
package com.penguinmails.inbound;
