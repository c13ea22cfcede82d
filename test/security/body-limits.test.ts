/**
 * Upload routes stop reading at the size limit (the streamed bytes are counted, not a declared
 * length), over real HTTP with chunked bodies; malformed inbound forms are 400, not 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { startApiServer } from "../public-api/support/api-server";
import { ownerWithClient } from "../public-api/support/fixtures";
import { clientCredentials } from "../public-api/support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let accessToken: string;
let cookie: string;
let tenantId: string;
let inboundUrl: string;

beforeAll(async () => {
  process.env.UPLOAD_MAX_MB = "1";
  resetEnvCache();
  server = await startApiServer(["api/v1", "api/oauth", "api/inbound", "api/documents"]);
  const owner = await ownerWithClient({ scopes: ["parse"] });
  accessToken = (await clientCredentials(server.url, owner.client.clientId, owner.secret, "parse")).access_token;
  cookie = owner.cookie;
  tenantId = owner.tenant.id;
  inboundUrl = (await owner.admin.movements.rotateInboundToken()).url;
});
afterAll(async () => {
  delete process.env.UPLOAD_MAX_MB;
  resetEnvCache();
  await server.close();
});

/** A chunked body (no Content-Length) of up to `total` bytes; `pulled()` says how much the server read. */
function endlessBody(total: number, prefix = "") {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const head = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && head.length) {
        sent += head.length;
        return controller.enqueue(head);
      }
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

async function post(url: string, headers: Record<string, string>, total: number, prefix = "") {
  const body = endlessBody(total, prefix);
  const started = Date.now();
  const res = await fetch(url, { method: "POST", headers, body: body.stream, duplex: "half" } as RequestInit);
  return { res, pulled: body.pulled(), ms: Date.now() - started };
}

const boundary = "----limite";
const multipartHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`;

describe("size limits before reading bodies", () => {
  it("/api/v1/parse answers 413 after ~1 MB of a 200 MB chunked upload", async () => {
    const { res, pulled } = await post(`${server.url}/api/v1/parse`, { authorization: `Bearer ${accessToken}`, "content-type": `multipart/form-data; boundary=${boundary}` }, 200 * 1024 * 1024, multipartHead);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/supera el máximo de 1 MB/);
    // The route stopped reading at the limit (the rest is discarded by Node, never buffered).
    expect(server.bodyBytesRead()).toBeLessThan(2 * 1024 * 1024);
    expect(pulled).toBeGreaterThan(0);
  });

  it("/api/documents/upload answers 413 the same way", async () => {
    const { res, pulled } = await post(`${server.url}/api/documents/upload`, { cookie, "x-tenant-id": tenantId, "content-type": `multipart/form-data; boundary=${boundary}` }, 200 * 1024 * 1024, multipartHead);
    expect(res.status).toBe(413);
    expect(server.bodyBytesRead()).toBeLessThan(2 * 1024 * 1024);
    expect(pulled).toBeGreaterThan(0);
  });

  it("inbound e-mail counts the streamed bytes (no Content-Length to trust)", async () => {
    const { res, pulled } = await post(inboundUrl.replace(/^https?:\/\/[^/]+/, server.url), { "content-type": "message/rfc822" }, 200 * 1024 * 1024, "From: a@banco.example\r\nSubject: x\r\n\r\n");
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe("too_large");
    expect(server.bodyBytesRead()).toBeLessThan(6 * 1024 * 1024);
    expect(pulled).toBeGreaterThan(0);
  });

  it("a malformed inbound form post is a 400 with a clear message", async () => {
    const url = inboundUrl.replace(/^https?:\/\/[^/]+/, server.url);
    const missing = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "foo=bar" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/campos de un correo|texto/);
    const broken = await fetch(url, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=nada" }, body: "esto no es multipart" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/mal formado/);
  });
});
