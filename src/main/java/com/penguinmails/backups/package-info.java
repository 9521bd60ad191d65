/**
 * Backups of the installation's database: scheduled, manual and before every schema
 * migration; a logical, encrypted, compressed copy taken in one consistent snapshot,
 * written to a directory or an S3-compatible bucket, verified by restoring it into a
 * scratch database, thinned by retention; and the {@code restore} command. Installation
 * admins only. See ARCHITECTURE.md "Backups and restore".
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.penguinmails.backups;
