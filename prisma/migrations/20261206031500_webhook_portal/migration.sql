-- Webhook portal: endpoint editing (custom headers), per-endpoint rate limit, payload filter
ALTER TYPE "AuditAction" ADD VALUE 'WEBHOOK_ENDPOINT_UPDATED';

ALTER TABLE "WebhookEndpoint" ADD COLUMN "customHeaders" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "rateLimitPerSecond" INTEGER,
ADD COLUMN "filter" JSONB NOT NULL DEFAULT '[]';

CREATE TABLE "WebhookRateSlot" (
    "endpointId" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3) NOT NULL,
    "lastSentAt" TIMESTAMP(3),
    CONSTRAINT "WebhookRateSlot_pkey" PRIMARY KEY ("endpointId")
);

ALTER TABLE "WebhookRateSlot" ADD CONSTRAINT "WebhookRateSlot_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
