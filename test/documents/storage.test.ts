/** The storage interface: local folder by default, S3-compatible (SigV4) when configured. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { storage } from "@/server/storage";
import { startS3, type S3Server } from "./support/s3-server";

const S3_VARS = ["S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"];
function setEnv(values: Record<string, string | undefined>) {
  for (const k of S3_VARS) delete process.env[k];
  for (const [k, v] of Object.entries(values)) if (v !== undefined) process.env[k] = v;
  resetEnvCache();
}
afterEach(() => setEnv({}));

const bytes = new TextEncoder().encode("%PDF-1.7 factura de prueba");

describe("local storage (default)", () => {
  it("puts, gets and deletes under DATA_DIR/files; rejects keys that leave the folder", async () => {
    const s = storage();
    expect(s.kind).toBe("local");
    await s.put("documents/t1/abc", bytes);
    expect(existsSync(join(process.env.DATA_DIR!, "files/documents/t1/abc"))).toBe(true);
    expect(Buffer.from(await s.get("documents/t1/abc")).toString()).toBe("%PDF-1.7 factura de prueba");
    await s.delete("documents/t1/abc");
    await expect(s.get("documents/t1/abc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s.delete("documents/t1/abc");
    for (const bad of ["../secreto", "documents/../../x", "/abs", "a//b", ""]) {
      await expect(s.put(bad, bytes)).rejects.toMatchObject({ code: "INTERNAL" });
    }
  });
});

describe("S3-compatible storage", () => {
  let s3: S3Server;
  afterAll(() => s3?.close());

  it("signs every request (SigV4) and stores, reads and deletes objects path-style", async () => {
    s3 = await startS3({ bucket: "facturas", accessKeyId: "AKTEST", secretAccessKey: "secreto-de-prueba", region: "sa-east-1" });
    setEnv({ S3_BUCKET: "facturas", S3_ENDPOINT: s3.url, S3_REGION: "sa-east-1", S3_ACCESS_KEY_ID: "AKTEST", S3_SECRET_ACCESS_KEY: "secreto-de-prueba" });
    const s = storage();
    expect(s.kind).toBe("s3");
    await s.put("documents/t1/abc", bytes, "application/pdf");
    expect(s3.objects.get("documents/t1/abc")).toMatchObject({ contentType: "application/pdf" });
    expect(Buffer.from(await s.get("documents/t1/abc")).toString()).toBe("%PDF-1.7 factura de prueba");
    await s.delete("documents/t1/abc");
    expect(s3.objects.size).toBe(0);
    await expect(s.get("documents/t1/abc")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(s3.requests).toEqual(["PUT /facturas/documents/t1/abc", "GET /facturas/documents/t1/abc", "DELETE /facturas/documents/t1/abc", "GET /facturas/documents/t1/abc"]);
  });

  it("a wrong secret is refused by the server and surfaces as a clear error", async () => {
    setEnv({ S3_BUCKET: "facturas", S3_ENDPOINT: s3.url, S3_REGION: "sa-east-1", S3_ACCESS_KEY_ID: "AKTEST", S3_SECRET_ACCESS_KEY: "otro-secreto" });
    await expect(storage().put("documents/t1/x", bytes)).rejects.toThrow(/403 \(SignatureDoesNotMatch\)/);
  });

  it("S3_BUCKET without credentials is a configuration error", () => {
    setEnv({ S3_BUCKET: "facturas" });
    expect(() => storage()).toThrow(/S3_ACCESS_KEY_ID/);
  });
});
