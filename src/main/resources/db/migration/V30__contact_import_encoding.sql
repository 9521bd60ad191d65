-- How an import's file was read: its character encoding (IANA name), how that was
-- chosen (given, bom, detected), and the field delimiter ("," ";" "tab" "|").
ALTER TABLE contact_imports
    ADD COLUMN encoding TEXT,
    ADD COLUMN encoding_source TEXT,
    ADD COLUMN delimiter TEXT;
