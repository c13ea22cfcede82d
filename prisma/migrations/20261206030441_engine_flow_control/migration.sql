-- AlterTable
ALTER TABLE "EngineRun" ADD COLUMN     "concurrencyKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "concurrencyLimits" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "events" JSONB,
ADD COLUMN     "finishBy" TIMESTAMP(3),
ADD COLUMN     "finishTimeoutMs" INTEGER,
ADD COLUMN     "firstCallAt" TIMESTAMP(3),
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "singletonKey" TEXT,
ADD COLUMN     "startBy" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EngineRateState" (
    "key" TEXT NOT NULL,
    "tat" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EngineRateState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "EngineBatch" (
    "key" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "events" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EngineBatch_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "EngineBatch_dueAt_idx" ON "EngineBatch"("dueAt");

-- CreateIndex
CREATE INDEX "EngineRun_functionId_singletonKey_status_idx" ON "EngineRun"("functionId", "singletonKey", "status");

-- CreateIndex
CREATE INDEX "EngineRun_startBy_idx" ON "EngineRun"("startBy");

-- CreateIndex
CREATE INDEX "EngineRun_finishBy_idx" ON "EngineRun"("finishBy");
