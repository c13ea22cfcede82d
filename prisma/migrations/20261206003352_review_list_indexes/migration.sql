-- DropIndex
DROP INDEX "Document_tenantId_createdAt_idx";

-- DropIndex
DROP INDEX "Document_tenantId_reviewStatus_createdAt_idx";

-- CreateIndex
CREATE INDEX "Document_tenantId_createdAt_id_discardedAt_idx" ON "Document"("tenantId", "createdAt" DESC, "id" DESC, "discardedAt");

-- CreateIndex
CREATE INDEX "Document_tenantId_reviewStatus_createdAt_id_discardedAt_idx" ON "Document"("tenantId", "reviewStatus", "createdAt" DESC, "id" DESC, "discardedAt");
