import { inngest } from "../../client";
import { syncRunRequested } from "../../events";
import { MAX_PAGES } from "@/server/sync/pagination";
import { beginSyncRun, finishSyncRun } from "@/server/sync/run-lifecycle";
import { SYNC_RETRIES, syncPage } from "@/server/sync/sync-page";

/**
 * PULL sync: one step per page (one HTTP call), each committing its records and the next
 * cursor/page/offset/link as the run's checkpoint. After a crash the engine resumes at the
 * next unfinished page; a resumed FAILED run starts from its checkpoint. Limit 1 per
 * connector: a connector's pages are never fetched by two runs at once.
 */
export const syncRun = inngest.createFunction(
  {
    id: "sync-run",
    name: "Sincronizar: traer registros de un conector",
    triggers: [syncRunRequested],
    retries: SYNC_RETRIES,
    concurrency: { limit: 1, key: "event.data.connectorId" },
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishSyncRun(event.data.event.data.runId, "La sincronización se interrumpió por un error interno."));
    },
  },
  async ({ event, step, attempt }) => {
    const start = await step.run("begin", () => beginSyncRun(event.data.runId));
    let page = start.pageIndex;
    let done = start.done;
    while (!done && page < MAX_PAGES) {
      page++;
      const outcome = await step.run(`page-${page}`, () => syncPage(event.data.runId, page, attempt, SYNC_RETRIES + 1));
      done = outcome.done;
    }
    return step.run("finish", () => finishSyncRun(event.data.runId));
  },
);
