/**
 * Contacts (leads) and what may be sent to them. So far: the suppression list, consulted
 * by every send.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "domains", "shared" })
package com.penguinmails.contacts;
