/**
 * Contacts (leads) and what may be sent to them. So far: the suppression list, consulted
 * by every send.
 */
package com.penguinmails.contacts;
