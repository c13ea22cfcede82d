/**
 * A client-credentials token writes documents as the person who created the API client, so the
 * creator's CURRENT membership decides, over real HTTP: an admin's client writes; once that admin
 * is demoted to a reader, or leaves the organization, every document write (PATCH, review,
 * reprocess, DELETE, POST /parse) answers 403 with a problem detail that says why — and nothing
 * changes; reads keep working; promoted back, the same token writes again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor } from "../support/factories";
import { documentRow, ownerWithClient, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient({ planId: "empresa" });
});
afterAll(() => server.close());

const completed = (n: number) =>
  documentRow(ctx.tenant.id, n, { proveedorCuit: "30712345678", total: 1000, tipo: "FACTURA_A", puntoVenta: 3, numero: BigInt(n), fecha: new Date("2026-11-02T00:00:00Z"), fieldMeta: { total: { source: "QR", confidence: 0.99 } } });

/** Every document write the public API has, against `docId`; the answers in order. */
async function writes(token: string, docId: string, version: number, lang = "es-AR") {
  const json = { "content-type": "application/json", "accept-language": lang };
  const form = new FormData();
  form.append("file", new Blob([pdfBytes(`creador-${Math.random()}`) as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), "creador.pdf");
  return [
    await api(server.url, `/api/v1/documents/${docId}`, token, { method: "PATCH", headers: { ...json, "if-match": `"${version}"` }, body: JSON.stringify({ fields: { total: "1210.50" } }) }),
    await api(server.url, `/api/v1/documents/${docId}/review`, token, { method: "POST", headers: json, body: "{}" }),
    await api(server.url, `/api/v1/documents/${docId}/reprocess`, token, { method: "POST", headers: json }),
    await api(server.url, "/api/v1/parse", token, { method: "POST", headers: { "accept-language": lang }, body: form }),
    await api(server.url, `/api/v1/documents/${docId}`, token, { method: "DELETE", headers: json }),
  ];
}

async function clientOf(role: "ADMIN" | "OWNER") {
  const { user, membership } = await addMember(ctx.tenant.id, role);
  const made = await callerFor(user, ctx.tenant.id).apiClients.create({ name: `Cliente de ${user.name} ${Math.random()}`, scopes: ["documents:read", "documents:write", "parse"], redirectUris: [] });
  const token = (await clientCredentials(server.url, made.client.clientId, made.clientSecret)).access_token;
  return { user, membership, token };
}

describe("client credentials write documents as the client's creator", () => {
  it("an admin's client writes; demoted to reader, every write is 403 with the reason and nothing changes; reads go on; promoted back, it writes again", async () => {
    const { membership, token } = await clientOf("ADMIN");
    const ok = await completed(1);
    const patched = await api(server.url, `/api/v1/documents/${ok.id}`, token, { method: "PATCH", headers: { "content-type": "application/json", "if-match": `"${ok.version}"` }, body: JSON.stringify({ fields: { total: "1210.50" } }) });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "VIEWER" });
    const doc = await completed(2);
    const before = await db().document.count({ where: { tenantId: ctx.tenant.id } });
    for (const res of await writes(token, doc.id, doc.version)) {
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body).toMatchObject({ code: "FORBIDDEN", status: 403, detail: expect.stringContaining("ahora tiene un rol de solo lectura") });
    }
    const [english] = await writes(token, doc.id, doc.version, "en");
    expect(english!.body).toMatchObject({ code: "FORBIDDEN", detail: expect.stringContaining("now has a read-only role") });
    const after = await db().document.findUniqueOrThrow({ where: { id: doc.id } });
    expect({ total: Number(after.total), version: after.version, status: after.status }).toEqual({ total: 1000, version: doc.version, status: "COMPLETED" });
    expect(await db().document.count({ where: { tenantId: ctx.tenant.id } })).toBe(before);

    // Reading is what a reader may do: it goes on.
    expect((await api(server.url, `/api/v1/documents/${doc.id}`, token)).status).toBe(200);
    expect((await api(server.url, "/api/v1/documents", token)).status).toBe(200);

    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ACCOUNTANT" });
    const again = await api(server.url, `/api/v1/documents/${doc.id}`, token, { method: "PATCH", headers: { "content-type": "application/json", "if-match": `"${doc.version}"` }, body: JSON.stringify({ fields: { total: "999" } }) });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it("a creator who left the organization: every write is 403 saying so", async () => {
    const { membership, token } = await clientOf("ADMIN");
    await db().membership.delete({ where: { id: membership.id } });
    const doc = await completed(3);
    for (const res of await writes(token, doc.id, doc.version)) {
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body).toMatchObject({ code: "FORBIDDEN", detail: expect.stringContaining("ya no pertenece a la organización") });
    }
    expect(await db().document.findUnique({ where: { id: doc.id } })).not.toBeNull();
  });

  it("an owner's client acts as an accountant, never as an admin", async () => {
    const { token } = await clientOf("OWNER");
    const doc = await completed(4);
    const deleted = await api(server.url, `/api/v1/documents/${doc.id}`, token, { method: "DELETE" });
    expect(deleted.status, JSON.stringify(deleted.body)).toBeLessThan(300);
    // Webhook management needs its own scope and an admin creator: this client has neither.
    expect((await api(server.url, "/api/v1/webhooks", token)).status).toBe(403);
  });
});
