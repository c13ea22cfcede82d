-- CreateEnum
CREATE TYPE "CorrectionKind" AS ENUM ('CORRECTION', 'CONFIRMATION');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'DOCUMENT_REVIEWED';
ALTER TYPE "AuditAction" ADD VALUE 'DOCUMENT_DISCARDED';
ALTER TYPE "AuditAction" ADD VALUE 'DOCUMENT_NOT_DUPLICATE';

-- Backfill: documents waiting for review get their validation issues as reasons (new parses compute all reasons).
UPDATE "Document" d SET "reviewReasons" = COALESCE((
  SELECT jsonb_agg(jsonb_build_object('code', 'VALIDATION', 'field', i->'field', 'severity', i->'severity', 'message', i->'message'))
  FROM jsonb_array_elements(d."parseReport"->'issues') i
), '[]'::jsonb)
WHERE d."reviewStatus" = 'NEEDS_REVIEW' AND jsonb_typeof(d."parseReport"->'issues') = 'array';

-- AlterTable: `needsReview` is now derived (reviewStatus = NEEDS_REVIEW).
ALTER TABLE "Document" DROP COLUMN "needsReview";

-- AlterTable
ALTER TABLE "DocumentCorrection" ADD COLUMN     "kind" "CorrectionKind" NOT NULL DEFAULT 'CORRECTION';
