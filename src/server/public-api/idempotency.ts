import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/env";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { readCappedBody } from "@/server/http/capped-body";
import type { ApiCaller } from "@/server/oauth/access";

/** How long an answer is kept for its key (Stripe-style). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;
/** Headers of the first answer that a replay repeats. */
const REPLAYED_HEADERS = ["content-type", "location", "retry-after", "etag"];

/**
 * Idempotency-Key on POST: the first answer (any status below 500) is stored per client + key
 * with a hash of method, path and body, for 24 h. The same key with the same request replays it
 * (with `Idempotent-Replayed: true`); the same key with a different request is refused (422).
 * Without the header the handler runs as always.
 */
export async function withIdempotency(req: Request, url: URL, caller: ApiCaller, run: (req: Request) => Promise<Response>): Promise<Response> {
  const key = req.headers.get("idempotency-key");
  if (req.method !== "POST" || key === null) return run(req);
  if (key.trim() === "" || key.length > MAX_KEY_LENGTH) {
    throw AppError.field("Idempotency-Key", `Idempotency-Key debe tener entre 1 y ${MAX_KEY_LENGTH} caracteres`);
  }
  const max = env().UPLOAD_MAX_MB;
  const bytes = await readCappedBody(req, max * 1024 * 1024 + 64 * 1024, `El cuerpo supera el máximo de ${max} MB`);
  const requestHash = createHash("sha256").update(`${req.method} ${url.pathname}${url.search}\n${req.headers.get("content-type") ?? ""}\n`).update(bytes).digest("hex");

  const stored = await db().apiIdempotencyKey.findFirst({ where: { clientId: caller.apiClientId, key, expiresAt: { gt: new Date() } } });
  if (stored) {
    if (stored.requestHash !== requestHash) {
      throw new AppError("UNPROCESSABLE", "Esta Idempotency-Key ya se usó con otra solicitud (otro cuerpo o URL); usá una clave nueva para cada operación distinta");
    }
    const headers = new Headers(stored.headers as Record<string, string>);
    headers.set("idempotent-replayed", "true");
    return new Response(stored.body === "" ? null : stored.body, { status: stored.status, headers });
  }

  const res = await run(new Request(req.url, { method: req.method, headers: req.headers, body: bytes }));
  if (res.status >= 500) return res;
  const body = await res.text();
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (res.headers.has(h) ? [[h, res.headers.get(h)!]] : [])));
  const now = new Date();
  try {
    await db().$transaction([
      // An expired row for the same key makes room for the new answer.
      db().apiIdempotencyKey.deleteMany({ where: { clientId: caller.apiClientId, key, expiresAt: { lte: now } } }),
      db().apiIdempotencyKey.create({
        data: { tenantId: caller.tenantId, clientId: caller.apiClientId, key, requestHash, status: res.status, headers, body, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) },
      }),
    ]);
  } catch (e) {
    // A concurrent request with the same key stored first: its answer stands for later replays.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
  return new Response(body === "" ? null : body, { status: res.status, headers: res.headers });
}
