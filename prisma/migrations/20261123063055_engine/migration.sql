-- CreateEnum
CREATE TYPE "EngineRunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "EngineFunction" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EngineFunction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngineEvent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "ts" BIGINT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngineRun" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "status" "EngineRunStatus" NOT NULL DEFAULT 'RUNNING',
    "event" JSONB NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "stack" TEXT[],
    "pending" TEXT[],
    "maxAttempts" INTEGER NOT NULL,
    "reqVersion" INTEGER NOT NULL DEFAULT -1,
    "disableImmediate" BOOLEAN NOT NULL DEFAULT false,
    "concurrencyKey" TEXT,
    "output" JSONB,
    "error" JSONB,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "EngineRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngineQueueItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "EngineQueueItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngineWait" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event" TEXT,
    "expr" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineWait_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngineDedupe" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineDedupe_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "EngineStepLog" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "output" JSONB,
    "error" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineStepLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EngineEvent_receivedAt_idx" ON "EngineEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "EngineRun_functionId_startedAt_idx" ON "EngineRun"("functionId", "startedAt");

-- CreateIndex
CREATE INDEX "EngineRun_status_startedAt_idx" ON "EngineRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "EngineQueueItem_runAt_idx" ON "EngineQueueItem"("runAt");

-- CreateIndex
CREATE UNIQUE INDEX "EngineQueueItem_runId_stepId_key" ON "EngineQueueItem"("runId", "stepId");

-- CreateIndex
CREATE INDEX "EngineWait_event_idx" ON "EngineWait"("event");

-- CreateIndex
CREATE INDEX "EngineWait_expiresAt_idx" ON "EngineWait"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "EngineWait_runId_stepId_key" ON "EngineWait"("runId", "stepId");

-- CreateIndex
CREATE INDEX "EngineStepLog_runId_at_idx" ON "EngineStepLog"("runId", "at");

-- AddForeignKey
ALTER TABLE "EngineQueueItem" ADD CONSTRAINT "EngineQueueItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EngineRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngineStepLog" ADD CONSTRAINT "EngineStepLog_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EngineRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
