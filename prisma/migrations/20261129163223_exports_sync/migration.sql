-- CreateEnum
CREATE TYPE "ExportRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ExportTrigger" AS ENUM ('MANUAL', 'SCHEDULE');

-- CreateEnum
CREATE TYPE "ExportItemStatus" AS ENUM ('PENDING', 'SUCCESS', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCESS', 'PARTIAL', 'FAILED');

-- CreateEnum
CREATE TYPE "StagedRecordStatus" AS ENUM ('STAGED', 'IMPORTED', 'FAILED', 'DISCARDED');

-- CreateTable
CREATE TABLE "ExportRun" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "trigger" "ExportTrigger" NOT NULL DEFAULT 'MANUAL',
    "requestedById" TEXT,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "status" "ExportRunStatus" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "success" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ExportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportRunItem" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "documentVersion" INTEGER,
    "status" "ExportItemStatus" NOT NULL DEFAULT 'PENDING',
    "externalId" TEXT,
    "httpStatus" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ExportRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "trigger" "ExportTrigger" NOT NULL DEFAULT 'MANUAL',
    "requestedById" TEXT,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "staged" INTEGER NOT NULL DEFAULT 0,
    "checkpoint" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncStagedRecord" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "raw" JSONB NOT NULL,
    "data" JSONB NOT NULL,
    "status" "StagedRecordStatus" NOT NULL,
    "reason" TEXT,
    "supplierId" TEXT,
    "importedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncStagedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "cuit" TEXT NOT NULL,
    "razonSocial" TEXT NOT NULL,
    "email" TEXT,
    "condicionIva" TEXT,
    "externalId" TEXT,
    "sourceConnectorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExportRun_tenantId_connectorId_createdAt_idx" ON "ExportRun"("tenantId", "connectorId", "createdAt");

-- CreateIndex
CREATE INDEX "ExportRun_tenantId_createdAt_idx" ON "ExportRun"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "ExportRunItem_tenantId_documentId_idx" ON "ExportRunItem"("tenantId", "documentId");

-- CreateIndex
CREATE UNIQUE INDEX "ExportRunItem_runId_documentId_key" ON "ExportRunItem"("runId", "documentId");

-- CreateIndex
CREATE INDEX "SyncRun_tenantId_connectorId_createdAt_idx" ON "SyncRun"("tenantId", "connectorId", "createdAt");

-- CreateIndex
CREATE INDEX "SyncStagedRecord_tenantId_connectorId_status_idx" ON "SyncStagedRecord"("tenantId", "connectorId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SyncStagedRecord_runId_externalId_key" ON "SyncStagedRecord"("runId", "externalId");

-- CreateIndex
CREATE INDEX "Supplier_tenantId_razonSocial_idx" ON "Supplier"("tenantId", "razonSocial");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_tenantId_cuit_key" ON "Supplier"("tenantId", "cuit");

-- AddForeignKey
ALTER TABLE "ExportRunItem" ADD CONSTRAINT "ExportRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ExportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncStagedRecord" ADD CONSTRAINT "SyncStagedRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
