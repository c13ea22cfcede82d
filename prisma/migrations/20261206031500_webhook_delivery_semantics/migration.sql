-- Webhook delivery semantics (issue 24 part A): held deliveries while an endpoint is disabled,
-- several retired secrets per endpoint, the seed-scheme switch time, deduplicated operator alerts,
-- and the organization's time zone for notices.
ALTER TYPE "WebhookDeliveryStatus" ADD VALUE 'HELD';

ALTER TABLE "WebhookEndpoint" ADD COLUMN "retiredKeys" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "contractKeysUntil" TIMESTAMP(3),
ADD COLUMN "contractSecretEnc" TEXT,
ADD COLUMN "contractTokenEnc" TEXT,
ADD COLUMN "contractSwitchAt" TIMESTAMP(3),
ADD COLUMN "alertCondition" TEXT,
ADD COLUMN "failingStreak" INTEGER NOT NULL DEFAULT 0;

-- A rotation in progress keeps its behaviour: the previous secret stays valid and the seed-scheme
-- headers keep using it until the grace period ends.
UPDATE "WebhookEndpoint"
SET "retiredKeys" = jsonb_build_array(jsonb_build_object('secretEnc', "previousSecretEnc", 'tokenEnc', "previousTokenEnc", 'until', to_char("previousSecretExpiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
    "contractSecretEnc" = "previousSecretEnc",
    "contractTokenEnc" = "previousTokenEnc",
    "contractKeysUntil" = "previousSecretExpiresAt",
    "contractSwitchAt" = "previousSecretExpiresAt"
WHERE "previousSecretEnc" IS NOT NULL AND "previousTokenEnc" IS NOT NULL AND "previousSecretExpiresAt" > now();

ALTER TABLE "WebhookDelivery" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "WebhookDelivery_endpointId_status_createdAt_idx" ON "WebhookDelivery"("endpointId", "status", "createdAt");

ALTER TABLE "Tenant" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'America/Argentina/Buenos_Aires';
