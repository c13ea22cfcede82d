-- AlterTable
ALTER TABLE "EngineEvent" ADD COLUMN     "routedAt" TIMESTAMP(3),
ADD COLUMN     "targetFunctionId" TEXT;

-- AlterTable
ALTER TABLE "EngineRun" ADD COLUMN     "triggerEventId" TEXT;

-- CreateIndex
CREATE INDEX "EngineEvent_routedAt_receivedAt_idx" ON "EngineEvent"("routedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EngineRun_functionId_triggerEventId_key" ON "EngineRun"("functionId", "triggerEventId");
