-- AlterTable
ALTER TABLE "EngineRun" ADD COLUMN     "tenantId" TEXT;

-- CreateIndex
CREATE INDEX "EngineRun_tenantId_startedAt_idx" ON "EngineRun"("tenantId", "startedAt");
