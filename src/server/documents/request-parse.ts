import "server-only";
import { inngest } from "~/inngest/client";
import { documentParseRequested } from "~/inngest/events";
import { logger } from "@/server/log/logger";

const log = logger.child({ module: "documents" });

/**
 * Asks the parse function to (re)parse a document. `attempt` makes the event id unique per
 * request (the engine drops a repeated id), so a double click sends one parse, a reprocess another.
 * Never throws: a document whose request was lost stays PENDING and can be reprocessed.
 */
export async function requestParse(tenantId: string, documentId: string, attempt: string): Promise<boolean> {
  try {
    await inngest.send(documentParseRequested.create({ tenantId, documentId }, { id: `parse-${documentId}-${attempt}` }));
    return true;
  } catch (err) {
    log.warn({ err, documentId }, "could not request the parse; the document stays PENDING until reprocessed");
    return false;
  }
}
