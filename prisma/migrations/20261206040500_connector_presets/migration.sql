-- Connector presets: parameters, login step, supplier resolution, body-level success, POST and 0-based PULL
CREATE TYPE "ConnectorPullMethod" AS ENUM ('GET', 'POST');

ALTER TABLE "ApiConnector"
  ADD COLUMN "pushSuccessPath" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "pushErrorPath" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "presetKey" TEXT,
  ADD COLUMN "parameters" JSONB NOT NULL DEFAULT '{}',
  ADD COLUMN "extraSecretsEnc" TEXT,
  ADD COLUMN "loginStep" JSONB,
  ADD COLUMN "supplierResolution" JSONB,
  ADD COLUMN "duplicateCheck" JSONB,
  ADD COLUMN "pullMethod" "ConnectorPullMethod" NOT NULL DEFAULT 'GET',
  ADD COLUMN "pullBody" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "pullFirstPage" INTEGER NOT NULL DEFAULT 1;
