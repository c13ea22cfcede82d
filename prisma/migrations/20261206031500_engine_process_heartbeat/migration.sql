-- Engine processes heartbeat here, and each queue lease names its holder,
-- so the leases of a dead process are released at once instead of waiting out the lease.
CREATE TABLE "EngineProcess" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EngineProcess_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "EngineQueueItem" ADD COLUMN "leasedBy" TEXT;

CREATE INDEX "EngineQueueItem_leasedBy_idx" ON "EngineQueueItem"("leasedBy");
