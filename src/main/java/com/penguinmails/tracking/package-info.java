/**
 * Tracking: what recipients do with the messages. So far the one-click unsubscribe (RFC
 * 8058) that every message's List-Unsubscribe header points to; opens, clicks and the
 * preference centre follow.
 */
package com.penguinmails.tracking;
