-- CreateTable
CREATE TABLE "EngineDebounce" (
    "key" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "timeoutAt" TIMESTAMP(3),

    CONSTRAINT "EngineDebounce_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "EngineDebounce_runAt_idx" ON "EngineDebounce"("runAt");
