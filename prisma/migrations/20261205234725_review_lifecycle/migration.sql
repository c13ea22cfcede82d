-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('NOT_READY', 'UNREVIEWED', 'NEEDS_REVIEW', 'REVIEWED');

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "discardedAt" TIMESTAMP(3),
ADD COLUMN     "duplicateOfId" TEXT,
ADD COLUMN     "notDuplicate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reviewReasons" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "reviewStatus" "ReviewStatus" NOT NULL DEFAULT 'NOT_READY',
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" TEXT;

-- CreateIndex
CREATE INDEX "Document_tenantId_reviewStatus_createdAt_idx" ON "Document"("tenantId", "reviewStatus", "createdAt");

-- Backfill: parsed documents start unreviewed (or needing review), nothing counts as reviewed until a person says so.
UPDATE "Document" SET "reviewStatus" = CASE WHEN "needsReview" THEN 'NEEDS_REVIEW'::"ReviewStatus" ELSE 'UNREVIEWED'::"ReviewStatus" END WHERE "status" = 'COMPLETED';
