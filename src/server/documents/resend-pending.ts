import "server-only";
import { processStartedAt } from "@/server/startup/process-started";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { sendParseRequest } from "./request-parse";

const log = logger.child({ module: "documents" });

/**
 * Documents still PENDING that may have lost their parse request (Inngest unreachable at the
 * time, or the process killed between the row's commit and the request): send the upload's request
 * again. Safe to repeat: the event id is the upload's, so a request that did arrive is not acted
 * on twice. By default (the minute sweep) those uploaded more than a minute ago; at startup, all
 * uploaded before this process started. Returns how many were re-sent.
 */
export async function resendPendingParses(now = new Date(), createdBefore = new Date(now.getTime() - 60_000)): Promise<number> {
  const pending = await db().document.findMany({
    where: { status: "PENDING", createdAt: { lt: createdBefore, gt: new Date(now.getTime() - 24 * 3_600_000) } },
    select: { id: true, tenantId: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  let sent = 0;
  for (const d of pending) if (await sendParseRequest(d.tenantId, d.id, "upload")) sent++;
  return sent;
}

/**
 * At process start: a process killed right after an upload's row was committed never sent its
 * parse request; no one must wait for the minute sweep (a re-upload of the same bytes also asks).
 */
export async function resendPendingAtStartup(startedAt = processStartedAt()): Promise<number> {
  try {
    const sent = await resendPendingParses(new Date(), startedAt);
    if (sent > 0) log.info({ sent }, "re-sent the parse requests of documents left PENDING by an earlier process");
    return sent;
  } catch (err) {
    log.warn({ err }, "re-sending pending parse requests at startup failed; the minute sweep will");
    return 0;
  }
}
