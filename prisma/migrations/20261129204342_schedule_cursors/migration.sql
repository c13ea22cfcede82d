-- AlterTable
ALTER TABLE "ApiConnector" ADD COLUMN     "pullScheduledThrough" TIMESTAMP(3),
ADD COLUMN     "pushScheduledThrough" TIMESTAMP(3);
