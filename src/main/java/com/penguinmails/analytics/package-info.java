/**
 * Analytics: the event stream of what happened to sent messages, campaign metrics and
 * their charts.
 */
package com.penguinmails.analytics;
