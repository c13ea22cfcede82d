import { inngest } from "../../client";
import { libroIvaRequested } from "../../events";
import { executeLibroRun, failLibroRun } from "@/server/libro-iva/runs";

/**
 * The Libro IVA Digital de compras of a client's month: one step reads the month in pages (the run
 * shows progress), checks it and stores the zip or the blockers. A failure after the retries
 * closes the run as FAILED so the page never waits forever.
 */
export const libroIvaGenerate = inngest.createFunction(
  {
    id: "libro-iva-generate",
    name: "Libro IVA Digital: generar compras",
    triggers: [libroIvaRequested],
    retries: 2,
    concurrency: { limit: 1, key: "event.data.tenantId" },
    onFailure: async ({ event, step }) => {
      await step.run("fail-run", () => failLibroRun(event.data.event.data.runId, "La generación se interrumpió por un error interno."));
    },
  },
  async ({ event, step }) => step.run("build", () => executeLibroRun(event.data.runId)),
);
