-- CreateEnum
CREATE TYPE "LibroIvaRunStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'BLOCKED', 'FAILED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'CLIENT_SAVED';
ALTER TYPE "AuditAction" ADD VALUE 'CLIENT_DELETED';
ALTER TYPE "AuditAction" ADD VALUE 'MEMBER_CLIENTS_CHANGED';
ALTER TYPE "AuditAction" ADD VALUE 'LIBRO_IVA_GENERATED';

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "limitedToClients" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Client" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "cuit" TEXT NOT NULL,
    "razonSocial" TEXT NOT NULL,
    "condicionIva" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipClient" (
    "membershipId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,

    CONSTRAINT "MembershipClient_pkey" PRIMARY KEY ("membershipId","clientId")
);

-- CreateTable
CREATE TABLE "LibroIvaRun" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" "LibroIvaRunStatus" NOT NULL DEFAULT 'PENDING',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "totalDocs" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "blockers" JSONB,
    "zip" BYTEA,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LibroIvaRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Client_tenantId_razonSocial_idx" ON "Client"("tenantId", "razonSocial");

-- CreateIndex
CREATE UNIQUE INDEX "Client_tenantId_cuit_key" ON "Client"("tenantId", "cuit");

-- CreateIndex
CREATE INDEX "MembershipClient_clientId_idx" ON "MembershipClient"("clientId");

-- CreateIndex
CREATE INDEX "LibroIvaRun_tenantId_clientId_period_createdAt_idx" ON "LibroIvaRun"("tenantId", "clientId", "period", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Document_tenantId_receptorCuit_fecha_idx" ON "Document"("tenantId", "receptorCuit", "fecha");

-- AddForeignKey
ALTER TABLE "Client" ADD CONSTRAINT "Client_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipClient" ADD CONSTRAINT "MembershipClient_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipClient" ADD CONSTRAINT "MembershipClient_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibroIvaRun" ADD CONSTRAINT "LibroIvaRun_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;
