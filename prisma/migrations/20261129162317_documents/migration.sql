-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "FieldSource" AS ENUM ('QR', 'TEXT', 'OCR', 'AI', 'USER');

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "uploadedById" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "needsReview" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "pageCount" INTEGER,
    "tipoCodigo" INTEGER,
    "tipo" TEXT,
    "puntoVenta" INTEGER,
    "numero" BIGINT,
    "fecha" DATE,
    "proveedorCuit" TEXT,
    "proveedorRazonSocial" TEXT,
    "receptorCuit" TEXT,
    "receptorNombre" TEXT,
    "neto" DECIMAL(18,2),
    "iva" JSONB,
    "otrosImpuestos" DECIMAL(18,2),
    "total" DECIMAL(18,2),
    "moneda" TEXT DEFAULT 'PES',
    "cotizacion" DECIMAL(18,6),
    "cae" TEXT,
    "caeVencimiento" DATE,
    "fieldMeta" JSONB NOT NULL DEFAULT '{}',
    "parseReport" JSONB,
    "externalSystemId" TEXT,
    "lastExportedAt" TIMESTAMP(3),
    "exportConfigId" TEXT,
    "exportedVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentCorrection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "userId" TEXT,
    "field" TEXT NOT NULL,
    "oldValue" JSONB,
    "newValue" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Document_tenantId_createdAt_idx" ON "Document"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Document_tenantId_status_idx" ON "Document"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Document_tenantId_proveedorCuit_idx" ON "Document"("tenantId", "proveedorCuit");

-- CreateIndex
CREATE INDEX "Document_tenantId_fecha_idx" ON "Document"("tenantId", "fecha");

-- CreateIndex
CREATE INDEX "Document_tenantId_tipoCodigo_puntoVenta_numero_idx" ON "Document"("tenantId", "tipoCodigo", "puntoVenta", "numero");

-- CreateIndex
CREATE UNIQUE INDEX "Document_tenantId_sha256_key" ON "Document"("tenantId", "sha256");

-- CreateIndex
CREATE INDEX "DocumentCorrection_tenantId_documentId_createdAt_idx" ON "DocumentCorrection"("tenantId", "documentId", "createdAt");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentCorrection" ADD CONSTRAINT "DocumentCorrection_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
