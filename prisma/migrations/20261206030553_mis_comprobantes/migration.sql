-- CreateEnum
CREATE TYPE "AfipMatchState" AS ENUM ('MATCHED', 'ROUNDING', 'DIFFERENT', 'TYPE_MISMATCH', 'MISSING', 'UNKNOWN');

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "afipCheckedVersion" INTEGER,
ADD COLUMN     "afipImportId" TEXT,
ADD COLUMN     "afipNote" TEXT,
ADD COLUMN     "afipState" "AfipMatchState";

-- CreateTable
CREATE TABLE "MisComprobantesImport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "uploadedById" TEXT,
    "receptorCuit" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "layout" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "afipRows" INTEGER NOT NULL,
    "outsideRows" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL,
    "differences" INTEGER NOT NULL,
    "missing" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "notes" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MisComprobantesImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MisComprobantesLine" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "state" "AfipMatchState" NOT NULL,
    "documentId" TEXT,
    "fileRow" INTEGER,
    "emisorCuit" TEXT,
    "emisorNombre" TEXT,
    "tipoCodigo" INTEGER,
    "puntoVenta" INTEGER,
    "numero" BIGINT,
    "fecha" DATE,
    "cae" TEXT,
    "moneda" TEXT,
    "afipTotal" DECIMAL(18,2),
    "docTotal" DECIMAL(18,2),
    "diffs" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "MisComprobantesLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MisComprobantesImport_tenantId_receptorCuit_period_createdA_idx" ON "MisComprobantesImport"("tenantId", "receptorCuit", "period", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "MisComprobantesLine_tenantId_importId_state_idx" ON "MisComprobantesLine"("tenantId", "importId", "state");

-- CreateIndex
CREATE INDEX "MisComprobantesLine_tenantId_documentId_idx" ON "MisComprobantesLine"("tenantId", "documentId");

-- AddForeignKey
ALTER TABLE "MisComprobantesLine" ADD CONSTRAINT "MisComprobantesLine_importId_fkey" FOREIGN KEY ("importId") REFERENCES "MisComprobantesImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
