/** POST /api/mis-comprobantes through the real route handler with a real session: multipart, roles, origin. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/mis-comprobantes/route";
import { db } from "@/server/db/client";
import { PERIOD, RECEPTOR } from "../fixtures/mis-comprobantes/scenario";
import { addMember, createTenantWith } from "../support/factories";
import { APP_URL, signUp } from "../support/http";

const csv = readFileSync(join(import.meta.dirname, "../fixtures/mis-comprobantes/por-alicuota-puntoycoma.csv"));
let tenantId: string;
let ownerCookie: string;
let viewerCookie: string;

const post = (cookie: string, fields: Record<string, string> = { receptorCuit: RECEPTOR, period: PERIOD }, origin = APP_URL) => {
  const form = new FormData();
  form.append("file", new File([csv], "comprobantes.csv", { type: "text/csv" }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return upload(new Request(`${APP_URL}/api/mis-comprobantes`, { method: "POST", headers: { cookie, origin, "x-tenant-id": tenantId }, body: form }));
};

beforeAll(async () => {
  const email = `mc-owner-${Date.now()}@example.com`;
  ownerCookie = await signUp(email);
  tenantId = (await createTenantWith(await db().user.findUniqueOrThrow({ where: { email } }), "Estudio Subida")).id;
  const viewerEmail = `mc-viewer-${Date.now()}@example.com`;
  viewerCookie = await signUp(viewerEmail);
  await addMember(tenantId, "VIEWER", await db().user.findUniqueOrThrow({ where: { email: viewerEmail } }));
});

describe("POST /api/mis-comprobantes", () => {
  it("imports for a CONTADOR and above: 201 with the layout", async () => {
    const res = await post(ownerCookie);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ layout: "PER_RATE", id: expect.any(String) });
    expect(await db().misComprobantesImport.count({ where: { tenantId } })).toBe(1);
  });

  it("refuses a VIEWER (403), a bad CUIT (400 on the field), another site (403), no session (401) — storing nothing", async () => {
    const viewer = await post(viewerCookie);
    expect(viewer.status).toBe(403);
    const bad = await post(ownerCookie, { receptorCuit: "30700000017", period: PERIOD });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.receptorCuit?.[0]).toMatch(/no es válida/);
    expect((await post(ownerCookie, undefined, "https://evil.example")).status).toBe(403);
    expect((await post("")).status).toBe(401);
    expect(await db().misComprobantesImport.count({ where: { tenantId } })).toBe(1);
  });
});
