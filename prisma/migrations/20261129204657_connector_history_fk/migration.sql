-- Runs of connectors deleted before this constraint existed are history of nothing: drop them
-- (their items, logs and staged records go with them through the existing cascades).
DELETE FROM "ExportRun" r WHERE NOT EXISTS (SELECT 1 FROM "ApiConnector" c WHERE c."id" = r."connectorId");
DELETE FROM "SyncRun" r WHERE NOT EXISTS (SELECT 1 FROM "ApiConnector" c WHERE c."id" = r."connectorId");

-- AddForeignKey
ALTER TABLE "ExportRun" ADD CONSTRAINT "ExportRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "ApiConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "ApiConnector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
