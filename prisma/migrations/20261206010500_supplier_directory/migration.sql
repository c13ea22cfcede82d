-- CreateEnum
CREATE TYPE "SupplierSource" AS ENUM ('LEARNED', 'PULL', 'USER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuditAction" ADD VALUE 'SUPPLIER_SAVED';
ALTER TYPE "AuditAction" ADD VALUE 'SUPPLIER_DELETED';

-- AlterEnum
ALTER TYPE "FieldSource" ADD VALUE 'DIRECTORY';

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "source" "SupplierSource" NOT NULL DEFAULT 'PULL',
ADD COLUMN     "updatedById" TEXT;

-- The directory keys suppliers by the 11 digits documents carry (PULL stored "30-12345678-9")
UPDATE "Supplier" SET "cuit" = regexp_replace("cuit", '[^0-9]', '', 'g') WHERE "cuit" ~ '[^0-9]';
