/**
 * An upload whose parse request cannot reach Inngest (engine down for a few seconds) is not left
 * PENDING until the minute-long pending sweep: the request is retried in the background and the
 * document is parsed seconds after the engine is back. The engine is started here only after the
 * upload, on the port the Inngest client already points at.
 */
import { startParseEngine } from "./support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { uploadDocument } from "@/server/documents/upload-document";
import { generateInvoice } from "../corpus/generate";
import { createTenantWith, createUser, settledDocument } from "../support/factories";

let engine: Awaited<ReturnType<typeof startParseEngine>> | undefined;
let owner: { id: string };
let tenantId: string;

beforeAll(async () => {
  owner = await createUser({ name: "Dueña Reintento" });
  tenantId = (await createTenantWith(owner, "Estudio Reintento")).id;
});
afterAll(async () => {
  await engine?.stop();
});

describe("a parse request that could not be sent", () => {
  it("is retried in the background: parsed within seconds of the engine coming back, not at the minute sweep", { timeout: 60_000 }, async () => {
    const invoice = await generateInvoice({ seed: 9191, format: "pdf-qr", tipoCodigo: 1 });
    const { document } = await uploadDocument({ tenantId, userId: owner.id, role: "OWNER", clientCuits: null }, { bytes: invoice.bytes, fileName: invoice.fileName });
    expect(document.status).toBe("PENDING");
    // The engine stays down through the first two background retries (1 s, then 2 s later); it is
    // listening and synced well before the third (4 s later), so that one cannot land between the two.
    await new Promise((r) => setTimeout(r, 3_500));
    expect((await db().document.findUniqueOrThrow({ where: { id: document.id } })).status).toBe("PENDING");

    const backAt = Date.now();
    engine = await startParseEngine();
    const done = await settledDocument(document.id, { timeoutMs: 30_000 });
    expect(done.status).toBe("COMPLETED");
    // The pending sweep would only look at it a minute after the upload.
    expect(Date.now() - backAt).toBeLessThan(20_000);
  });
});
