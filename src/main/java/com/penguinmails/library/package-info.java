/**
 * The library: shipped templates and multi-step sequences (JSON resources under
 * {@code library/}, loaded once by {@code internal.ShippedEntries}) and each workspace's
 * own entries ({@code library_entries}, SQL in {@code internal.LibraryRepository}). An
 * entry becomes a draft campaign through {@code campaigns.Campaigns.create} or a
 * workspace template through {@code templates.Templates.create};
 * {@link com.penguinmails.library.Library} is the public service.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "campaigns", "shared", "templates" })
package com.penguinmails.library;
