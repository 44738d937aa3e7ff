-- The embedded H2 database has no procedural triggers without Java classes; the audit chain's
-- hashes still reveal any change (see ./kiban audit verify). PostgreSQL refuses changes itself.
SELECT 1;
