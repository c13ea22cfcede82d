-- API client secret rotation with a grace period: the previous secret keeps working until previousSecretExpiresAt
ALTER TABLE "ApiClient" ADD COLUMN "previousSecretHash" TEXT;
ALTER TABLE "ApiClient" ADD COLUMN "previousSecretExpiresAt" TIMESTAMP(3);
