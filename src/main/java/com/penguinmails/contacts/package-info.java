/**
 * Contacts (leads) and what may be sent to them.
 *
 * <p>
 * The public services, each checking the caller's role and scoping every read and write
 * to the caller's workspace: {@link com.penguinmails.contacts.Contacts} (one contact per
 * email address in any case, with a {@link com.penguinmails.contacts.ContactStatus},
 * typed custom fields and tags; JSON merge patches; GDPR export and erasure through
 * {@link com.penguinmails.shared.PersonalData}),
 * {@link com.penguinmails.contacts.CustomFields} (text, number, date, boolean),
 * {@link com.penguinmails.contacts.ContactImports} (CSV imports as background jobs:
 * encoding and delimiter told from the file or named, a column mapping step, progress,
 * bad rows reported by line), {@link com.penguinmails.contacts.Segments} (lists, and
 * saved segments compiled to parameterised SQL with live counts),
 * {@link com.penguinmails.contacts.LeadScoring} (rules of one segment condition and
 * points) and {@link com.penguinmails.contacts.Suppressions} (addresses and domains that
 * must not be mailed, consulted by every send; an erased contact's address kept by its
 * hash alone), {@link com.penguinmails.contacts.ContactBulkJobs} (bulk actions on a
 * selection or a filter as jobs that {@link com.penguinmails.contacts.ContactBulkWorker}
 * walks by id in committed batches; enrolment through
 * {@link com.penguinmails.contacts.BulkEnrolment}, implemented by campaigns).
 *
 * <p>
 * {@code internal} holds the SQL (the {@code ...Repository} classes), the segment
 * compiler, and the import's parts: how a file is read ({@code CsvInput},
 * {@code CsvReading}), which field each column fills ({@code ColumnMapping}), the row
 * checks ({@code ContactRowChecker}), and the batches merged with PostgreSQL {@code COPY}
 * two at a time ({@code CsvContactImporter}, {@code ImportPipeline},
 * {@code ContactStage}). {@code web} holds the pages (forms bound to records, actions
 * through {@link com.penguinmails.shared.FormAction}); {@code api} the JSON endpoints.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "domains", "shared" })
package com.penguinmails.contacts;
