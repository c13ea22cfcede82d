-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "exento" DECIMAL(18,2),
ADD COLUMN     "impuestosInternos" DECIMAL(18,2),
ADD COLUMN     "noGravado" DECIMAL(18,2),
ADD COLUMN     "otrosTributos" DECIMAL(18,2),
ADD COLUMN     "percepcionesIibb" JSONB,
ADD COLUMN     "percepcionesIva" DECIMAL(18,2);
