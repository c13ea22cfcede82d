import { inngest } from "../../client";
import { env } from "@/env";
import { db } from "@/server/db/client";

/** Attempt logs are kept for WEBHOOK_LOG_RETENTION_DAYS (30 by default); engine dedupe keys for 24 h. */
export const retentionCleanup = inngest.createFunction(
  { id: "retention-cleanup", name: "Limpieza de registros viejos", triggers: [{ cron: "TZ=America/Argentina/Buenos_Aires 30 3 * * *" }] },
  async ({ step }) => {
    const attempts = await step.run("webhook-attempts", async () => {
      const { count } = await db().webhookAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - env().WEBHOOK_LOG_RETENTION_DAYS * 864e5) } } });
      return count;
    });
    const dedupe = await step.run("engine-dedupe", async () => {
      const { count } = await db().engineDedupe.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 864e5) } } });
      return count;
    });
    return { attempts, dedupe };
  },
);
