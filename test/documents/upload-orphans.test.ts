/**
 * An upload whose row cannot be written leaves no file behind, on local storage and on S3:
 * the row is made to fail for real (a PostgreSQL trigger refusing the insert), never mocked.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { uploadDocument } from "@/server/documents/upload-document";
import { createTenantWith, createUser } from "../support/factories";
import { startS3, type S3Server } from "./support/s3-server";

const S3_VARS = ["S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"];
function setEnv(values: Record<string, string>) {
  for (const k of S3_VARS) delete process.env[k];
  Object.assign(process.env, values);
  resetEnvCache();
}

let scope: { tenantId: string; userId: string; role: "OWNER" };
let s3: S3Server;
let seq = 0;
const pdf = () => ({ bytes: new TextEncoder().encode(`%PDF-1.4\n% factura ${++seq} ${Math.random()}\n%%EOF\n`), fileName: "factura.pdf" });

async function refuseDocumentRows(on: boolean) {
  if (on) {
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_document() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'insert refused by the test'; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_document BEFORE INSERT ON "Document" FOR EACH ROW EXECUTE FUNCTION refuse_document()`);
  } else await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_document ON "Document"`);
}

beforeAll(async () => {
  const owner = await createUser();
  scope = { tenantId: (await createTenantWith(owner)).id, userId: owner.id, role: "OWNER" };
  s3 = await startS3({ bucket: "facturas", accessKeyId: "AKTEST", secretAccessKey: "secreto-de-prueba", region: "sa-east-1" });
});
afterEach(async () => {
  await refuseDocumentRows(false);
  setEnv({});
});
afterAll(() => s3?.close());

const localFiles = () => {
  const dir = join(process.env.DATA_DIR!, "files", "documents", scope.tenantId);
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe("uploads never leave orphan files", () => {
  it("local storage: the file is removed when its row fails; a good upload keeps it", async () => {
    await refuseDocumentRows(true);
    await expect(uploadDocument(scope, pdf())).rejects.toThrow(/insert refused by the test/);
    expect(localFiles()).toEqual([]);
    await refuseDocumentRows(false);
    const { document } = await uploadDocument(scope, pdf());
    expect(localFiles()).toHaveLength(1);
    expect(await db().document.count({ where: { id: document.id } })).toBe(1);
  });

  it("S3: the object is deleted when its row fails", async () => {
    setEnv({ S3_BUCKET: "facturas", S3_ENDPOINT: s3.url, S3_REGION: "sa-east-1", S3_ACCESS_KEY_ID: "AKTEST", S3_SECRET_ACCESS_KEY: "secreto-de-prueba" });
    await refuseDocumentRows(true);
    await expect(uploadDocument(scope, pdf())).rejects.toThrow(/insert refused by the test/);
    expect(s3.requests.filter((r) => r.startsWith("PUT "))).toHaveLength(1);
    expect(s3.requests.filter((r) => r.startsWith("DELETE "))).toHaveLength(1);
    expect(s3.objects.size).toBe(0);
  });
});
