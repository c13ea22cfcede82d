-- CreateEnum
CREATE TYPE "ConnectorDirection" AS ENUM ('PUSH', 'PULL', 'BIDIRECTIONAL');

-- CreateEnum
CREATE TYPE "ConnectorAuthType" AS ENUM ('NONE', 'API_KEY', 'BEARER', 'BASIC', 'OAUTH2_CLIENT_CREDENTIALS');

-- CreateEnum
CREATE TYPE "ConnectorHttpMethod" AS ENUM ('POST', 'PUT', 'PATCH');

-- CreateEnum
CREATE TYPE "ConnectorPagination" AS ENUM ('NONE', 'PAGE', 'OFFSET', 'CURSOR', 'LINK_HEADER');

-- CreateEnum
CREATE TYPE "ConnectorOAuthClientAuth" AS ENUM ('CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST');

-- CreateEnum
CREATE TYPE "ConnectorExportStatus" AS ENUM ('SUCCESS', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "ApiConnector" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "direction" "ConnectorDirection" NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "timeoutMs" INTEGER NOT NULL DEFAULT 15000,
    "concurrency" INTEGER NOT NULL DEFAULT 2,
    "defaultHeaders" JSONB NOT NULL DEFAULT '{}',
    "healthPath" TEXT NOT NULL DEFAULT '',
    "authType" "ConnectorAuthType" NOT NULL DEFAULT 'NONE',
    "apiKeyHeader" TEXT,
    "username" TEXT,
    "oauthTokenUrl" TEXT,
    "oauthClientId" TEXT,
    "oauthScope" TEXT,
    "oauthClientAuth" "ConnectorOAuthClientAuth" NOT NULL DEFAULT 'CLIENT_SECRET_BASIC',
    "secretEnc" TEXT,
    "secretHint" TEXT,
    "pushPath" TEXT NOT NULL DEFAULT '',
    "pushMethod" "ConnectorHttpMethod" NOT NULL DEFAULT 'POST',
    "pushMapping" TEXT NOT NULL DEFAULT '',
    "pushResponseIdPath" TEXT NOT NULL DEFAULT 'id',
    "pullPath" TEXT NOT NULL DEFAULT '',
    "pullPagination" "ConnectorPagination" NOT NULL DEFAULT 'NONE',
    "pullPageSize" INTEGER NOT NULL DEFAULT 100,
    "pullPageParam" TEXT NOT NULL DEFAULT 'page',
    "pullSizeParam" TEXT NOT NULL DEFAULT 'per_page',
    "pullCursorPath" TEXT NOT NULL DEFAULT '',
    "pullRecordPath" TEXT NOT NULL DEFAULT '',
    "pullIdField" TEXT NOT NULL DEFAULT 'id',
    "pullMapping" TEXT NOT NULL DEFAULT '',
    "pushSchedule" TEXT,
    "pullSchedule" TEXT,
    "scheduleTimezone" TEXT NOT NULL DEFAULT 'America/Argentina/Buenos_Aires',
    "lastTestAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "lastTestStatus" INTEGER,
    "lastTestLatencyMs" INTEGER,
    "lastTestMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiConnector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorOAuthToken" (
    "connectorId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "configHash" TEXT NOT NULL,
    "accessTokenEnc" TEXT NOT NULL,
    "tokenType" TEXT NOT NULL DEFAULT 'Bearer',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectorOAuthToken_pkey" PRIMARY KEY ("connectorId")
);

-- CreateTable
CREATE TABLE "ConnectorExportLog" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "runId" TEXT,
    "documentId" TEXT,
    "documentVersion" INTEGER,
    "idempotencyKey" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "status" "ConnectorExportStatus" NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "requestExcerpt" TEXT,
    "responseExcerpt" TEXT,
    "externalId" TEXT,
    "errorClass" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectorExportLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiConnector_tenantId_createdAt_idx" ON "ApiConnector"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiConnector_tenantId_name_key" ON "ApiConnector"("tenantId", "name");

-- CreateIndex
CREATE INDEX "ConnectorOAuthToken_tenantId_idx" ON "ConnectorOAuthToken"("tenantId");

-- CreateIndex
CREATE INDEX "ConnectorExportLog_tenantId_connectorId_createdAt_idx" ON "ConnectorExportLog"("tenantId", "connectorId", "createdAt");

-- CreateIndex
CREATE INDEX "ConnectorExportLog_tenantId_documentId_idx" ON "ConnectorExportLog"("tenantId", "documentId");

-- CreateIndex
CREATE INDEX "ConnectorExportLog_idempotencyKey_idx" ON "ConnectorExportLog"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "ApiConnector" ADD CONSTRAINT "ApiConnector_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorOAuthToken" ADD CONSTRAINT "ConnectorOAuthToken_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "ApiConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorExportLog" ADD CONSTRAINT "ConnectorExportLog_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "ApiConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
