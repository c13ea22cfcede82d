-- Stable machine-readable failure code of a FAILED document (public API and document.failed v2)
ALTER TABLE "Document" ADD COLUMN "errorCode" TEXT;

-- Backfill from the parse report's failure reason where there is one
UPDATE "Document" SET "errorCode" = CASE "parseReport"->'failure'->>'reason'
    WHEN 'CORRUPT' THEN 'UNREADABLE_FILE'
    WHEN 'EMPTY' THEN 'EMPTY_FILE'
    WHEN 'NOT_SUPPORTED' THEN 'UNSUPPORTED_FILE'
    WHEN 'OCR_FAILED' THEN 'OCR_FAILED'
    WHEN 'TIMEOUT' THEN 'TIMEOUT'
    WHEN 'TOO_LARGE' THEN 'TOO_LARGE'
    WHEN 'TOO_MANY_PAGES' THEN 'TOO_MANY_PAGES'
    WHEN 'ENCRYPTED' THEN 'ENCRYPTED_PDF'
    WHEN 'NO_DATA' THEN 'NOT_AN_INVOICE'
    ELSE 'INTERNAL_ERROR' END
WHERE "status" = 'FAILED';
