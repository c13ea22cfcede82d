-- CreateEnum
CREATE TYPE "BankEmailSource" AS ENUM ('PASTED', 'EML', 'INBOUND');

-- CreateEnum
CREATE TYPE "BankEmailStatus" AS ENUM ('PENDING', 'PARSED', 'MANUAL_REVIEW', 'FAILED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ClassificationStatus" AS ENUM ('PENDING', 'CLASSIFIED', 'FALLBACK', 'FAILED', 'OVERRIDDEN');

-- CreateEnum
CREATE TYPE "AlertsStatus" AS ENUM ('PENDING', 'EVALUATED', 'FALLBACK', 'FAILED');

-- CreateEnum
CREATE TYPE "ProjectionStatus" AS ENUM ('PENDING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "FinanceSyncStatus" AS ENUM ('NEVER', 'PENDING', 'SYNCED', 'FAILED');

-- CreateEnum
CREATE TYPE "N8nCallStatus" AS ENUM ('SUCCEEDED', 'RETRYING', 'FAILED', 'MANUAL_REVIEW');

-- CreateTable
CREATE TABLE "BankEmail" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "source" "BankEmailSource" NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "bank" TEXT,
    "messageId" TEXT,
    "status" "BankEmailStatus" NOT NULL DEFAULT 'PENDING',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransaction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "emailId" TEXT,
    "type" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "merchant" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "date" TIMESTAMP(3) NOT NULL,
    "accountLastFour" TEXT,
    "parsedCategory" TEXT,
    "parseConfidence" DOUBLE PRECISION,
    "parsingMethod" TEXT,
    "classificationStatus" "ClassificationStatus" NOT NULL DEFAULT 'PENDING',
    "category" TEXT,
    "subcategory" TEXT,
    "classificationConfidence" DOUBLE PRECISION,
    "isRecurring" BOOLEAN,
    "recurringPattern" TEXT,
    "tags" TEXT[],
    "alternatives" JSONB NOT NULL DEFAULT '[]',
    "aiModel" TEXT,
    "aiReasoning" TEXT,
    "suggestedCategory" TEXT,
    "classificationError" TEXT,
    "alertsStatus" "AlertsStatus" NOT NULL DEFAULT 'PENDING',
    "alertsError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MovementAlert" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "transactionId" TEXT,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'n8n',
    "emailedAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MovementAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MovementRecommendation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "transactionId" TEXT,
    "projectionId" TEXT,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "priority" TEXT,
    "potentialSavings" DECIMAL(18,2),
    "difficulty" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MovementRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancialProjection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "projectionType" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "ProjectionStatus" NOT NULL DEFAULT 'PENDING',
    "result" JSONB,
    "aiSummary" TEXT,
    "errorMessage" TEXT,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "FinancialProjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinanceProfile" (
    "tenantId" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'ARS',
    "timezone" TEXT NOT NULL DEFAULT 'America/Argentina/Buenos_Aires',
    "language" TEXT NOT NULL DEFAULT 'es',
    "notificationsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "emailAlerts" BOOLEAN NOT NULL DEFAULT false,
    "weeklyBudget" DECIMAL(18,2),
    "monthlyBudget" DECIMAL(18,2),
    "categoryBudgets" JSONB NOT NULL DEFAULT '{}',
    "budgetThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "unusualAmountMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 3,
    "unusualAmountThreshold" DECIMAL(18,2),
    "dailyDigest" BOOLEAN NOT NULL DEFAULT false,
    "instantAlerts" TEXT[] DEFAULT ARRAY['BUDGET_EXCEEDED', 'SUSPICIOUS_ACTIVITY']::TEXT[],
    "blockedCategories" TEXT[],
    "connectedBanks" TEXT[],
    "goals" JSONB NOT NULL DEFAULT '[]',
    "inboundTokenHash" TEXT,
    "inboundTokenHint" TEXT,
    "syncStatus" "FinanceSyncStatus" NOT NULL DEFAULT 'NEVER',
    "syncRequestedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "nextScheduledSync" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FinanceProfile_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "N8nSettings" (
    "tenantId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "tokenEnc" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "signingSecretEnc" TEXT NOT NULL,
    "signingSecretHint" TEXT NOT NULL,
    "timeoutMs" INTEGER NOT NULL DEFAULT 30000,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "N8nSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "N8nCall" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "executionId" TEXT,
    "status" "N8nCallStatus" NOT NULL,
    "httpStatus" INTEGER,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "latencyMs" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "subjectId" TEXT,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "runId" TEXT,
    "responseExcerpt" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "N8nCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankEmail_tenantId_createdAt_idx" ON "BankEmail"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "BankEmail_tenantId_status_idx" ON "BankEmail"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BankEmail_tenantId_messageId_key" ON "BankEmail"("tenantId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransaction_emailId_key" ON "BankTransaction"("emailId");

-- CreateIndex
CREATE INDEX "BankTransaction_tenantId_date_idx" ON "BankTransaction"("tenantId", "date");

-- CreateIndex
CREATE INDEX "BankTransaction_tenantId_createdAt_idx" ON "BankTransaction"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "MovementAlert_tenantId_createdAt_idx" ON "MovementAlert"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "MovementRecommendation_tenantId_createdAt_idx" ON "MovementRecommendation"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "FinancialProjection_tenantId_createdAt_idx" ON "FinancialProjection"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FinanceProfile_inboundTokenHash_key" ON "FinanceProfile"("inboundTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "N8nCall_requestId_key" ON "N8nCall"("requestId");

-- CreateIndex
CREATE INDEX "N8nCall_tenantId_createdAt_idx" ON "N8nCall"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "N8nCall_tenantId_action_createdAt_idx" ON "N8nCall"("tenantId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "N8nCall_tenantId_subjectId_idx" ON "N8nCall"("tenantId", "subjectId");

-- AddForeignKey
ALTER TABLE "BankEmail" ADD CONSTRAINT "BankEmail_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "BankEmail"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MovementAlert" ADD CONSTRAINT "MovementAlert_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MovementAlert" ADD CONSTRAINT "MovementAlert_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "BankTransaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MovementRecommendation" ADD CONSTRAINT "MovementRecommendation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancialProjection" ADD CONSTRAINT "FinancialProjection_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinanceProfile" ADD CONSTRAINT "FinanceProfile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "N8nSettings" ADD CONSTRAINT "N8nSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "N8nCall" ADD CONSTRAINT "N8nCall_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
