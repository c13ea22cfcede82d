import "server-only";
import { inngest } from "~/inngest/client";
import { documentParseRequested } from "~/inngest/events";
import { logger } from "@/server/log/logger";

const log = logger.child({ module: "documents" });

/**
 * After a failed request, tried again in this process at these delays (about 2 minutes in all):
 * an Inngest or database outage of seconds must not leave a document PENDING until the
 * minute-long pending sweep (resendPendingParses) picks it up — the sweep stays for a crash.
 */
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

/**
 * Asks the parse function to (re)parse a document. `attempt` makes the event id unique per
 * request (the engine drops a repeated id), so a double click sends one parse, a reprocess another
 * — and re-sending the same request after a failure is harmless. Never throws: a request that
 * could not be sent is retried in the background (false is returned at once).
 */
export async function requestParse(tenantId: string, documentId: string, attempt: string): Promise<boolean> {
  if (await sendParseRequest(tenantId, documentId, attempt)) return true;
  log.warn({ documentId }, "could not request the parse; retrying in the background (the pending sweep is the last resort)");
  retryInBackground(tenantId, documentId, attempt, 0);
  return false;
}

/** One attempt, no background retries (the pending sweep, which runs again anyway). */
export async function sendParseRequest(tenantId: string, documentId: string, attempt: string): Promise<boolean> {
  try {
    await inngest.send(documentParseRequested.create({ tenantId, documentId }, { id: `parse-${documentId}-${attempt}` }));
    return true;
  } catch (err) {
    log.debug({ err, documentId }, "parse request failed");
    return false;
  }
}

function retryInBackground(tenantId: string, documentId: string, attempt: string, index: number): void {
  const delay = RETRY_DELAYS_MS[index];
  if (delay === undefined) {
    log.warn({ documentId }, "parse request still failing; the pending sweep will send it");
    return;
  }
  setTimeout(() => {
    void sendParseRequest(tenantId, documentId, attempt).then((sent) => {
      if (sent) log.info({ documentId, retries: index + 1 }, "parse requested after retrying");
      else retryInBackground(tenantId, documentId, attempt, index + 1);
    });
  }, delay).unref();
}
