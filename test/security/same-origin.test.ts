/**
 * Cookie-authenticated state changes are refused from other origins (Origin / Sec-Fetch-Site
 * must be APP_URL), and tRPC takes no form/text bodies (what a foreign page sends preflight-free).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { POST as uploadRoute } from "@/app/api/documents/upload/route";
import { GET as localeRoute } from "@/app/api/preferences/locale/route";
import { db } from "@/server/db/client";
import { NextRequest } from "next/server";
import { APP_URL, signUp } from "../support/http";

let cookie: string;
beforeAll(async () => {
  cookie = await signUp("origen@estudio.com.ar");
});

const createTenant = (name: string, headers: Record<string, string>, body?: BodyInit) =>
  trpcPost(new Request(`${APP_URL}/api/trpc/tenant.create`, { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: body ?? JSON.stringify({ json: { name } }) }));

const tenantCount = () => db().tenant.count();

describe("same-origin guard", () => {
  it("runs a mutation from our own origin (and from non-browser clients, which send neither header)", async () => {
    expect((await createTenant("Estudio Propio", { origin: APP_URL, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await createTenant("Estudio Script", {})).status).toBe(200);
  });

  it("refuses a tRPC mutation from another origin, including another origin of the same site", async () => {
    const before = await tenantCount();
    for (const headers of <Record<string, string>[]>[
      { origin: "https://atacante.example" },
      { origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ]) {
      const res = await createTenant("Estudio Ajeno", headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/otro sitio/);
    }
    expect(await tenantCount()).toBe(before);
  });

  it("refuses multipart/form-data and text/plain tRPC mutations", async () => {
    const before = await tenantCount();
    const form = new FormData();
    form.append("name", "Estudio Formulario");
    const multipart = await trpcPost(new Request(`${APP_URL}/api/trpc/tenant.create`, { method: "POST", headers: { cookie }, body: form }));
    expect(multipart.status).toBe(415);
    const text = await createTenant("x", { "content-type": "text/plain" }, JSON.stringify({ json: { name: "Estudio Texto" } }));
    expect(text.status).toBe(415);
    expect(await tenantCount()).toBe(before);
  });

  it("refuses a cross-origin upload before reading it", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])]), "f.pdf");
    const res = await uploadRoute(new Request(`${APP_URL}/api/documents/upload`, { method: "POST", body: form, headers: { cookie, origin: "https://atacante.example", "sec-fetch-site": "cross-site" } }));
    expect(res.status).toBe(403);
    expect(await db().document.count()).toBe(0);
  });

  it("changes the locale only from our own pages", async () => {
    const url = `${APP_URL}/api/preferences/locale?value=en&next=/panel`;
    const foreign = await localeRoute(new NextRequest(url, { headers: { "sec-fetch-site": "cross-site" } }));
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("set-cookie")).toBeNull();
    const own = await localeRoute(new NextRequest(url, { headers: { "sec-fetch-site": "same-origin" } }));
    expect(own.status).toBe(303);
    expect(own.headers.get("set-cookie")).toMatch(/en/);
  });
});
