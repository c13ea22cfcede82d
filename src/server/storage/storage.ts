import "server-only";
import { env } from "@/env";
import { LocalStorage } from "./local-storage";
import { S3Storage } from "./s3-storage";

/** Where uploaded files live. Keys are `a-z0-9._-` segments joined by `/` (no `..`). */
export interface FileStorage {
  /** "local" or "s3", for logs and the health line. */
  readonly kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  /** The bytes; AppError NOT_FOUND when there is no such object. */
  get(key: string): Promise<Uint8Array>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
}

const holder = globalThis as { __contaflowStorage?: { config: string; storage: FileStorage } };

/** The configured backend: S3-compatible when S3_BUCKET is set, else the folder DATA_DIR/files. */
export function storage(): FileStorage {
  const e = env();
  const config = JSON.stringify([e.S3_BUCKET, e.S3_ENDPOINT, e.S3_REGION, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY, e.S3_FORCE_PATH_STYLE, e.DATA_DIR]);
  if (holder.__contaflowStorage?.config === config) return holder.__contaflowStorage.storage;
  const created: FileStorage = e.S3_BUCKET
    ? new S3Storage({
        bucket: e.S3_BUCKET,
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        accessKeyId: e.S3_ACCESS_KEY_ID!,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
      })
    : new LocalStorage(e.DATA_DIR);
  holder.__contaflowStorage = { config, storage: created };
  return created;
}
