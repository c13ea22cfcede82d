-- AlterEnum
ALTER TYPE "ExportRunStatus" ADD VALUE 'PARTIAL';

-- AlterTable
ALTER TABLE "ExportRun" ADD COLUMN     "override" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "overrideReason" TEXT;

-- AlterTable
ALTER TABLE "ExportRunItem" ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "nextRetryAt" TIMESTAMP(3),
ADD COLUMN     "overridden" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reviewStatus" "ReviewStatus";
