import "server-only";
import { db } from "@/server/db/client";
import { sendParseRequest } from "./request-parse";

/**
 * Documents still PENDING a minute after upload may have lost their parse request (Inngest
 * unreachable at the time): send the upload's request again. Safe to repeat: the event id is the
 * upload's, so a request that did arrive is not acted on twice. Returns how many were re-sent.
 */
export async function resendPendingParses(now = new Date()): Promise<number> {
  const pending = await db().document.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now.getTime() - 60_000), gt: new Date(now.getTime() - 24 * 3_600_000) } },
    select: { id: true, tenantId: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  let sent = 0;
  for (const d of pending) if (await sendParseRequest(d.tenantId, d.id, "upload")) sent++;
  return sent;
}
