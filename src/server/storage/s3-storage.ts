import "server-only";
import { AwsClient } from "aws4fetch";
import { AppError } from "@/server/errors";
import { assertValidKey, missingObject } from "./keys";
import type { FileStorage } from "./storage";

export type S3Config = {
  bucket: string;
  /** Unset → AWS S3 (`https://s3.<region>.amazonaws.com`). */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, most self-hosted servers). */
  forcePathStyle: boolean;
};

/**
 * S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, …) over plain HTTP with SigV4
 * signatures (aws4fetch). One object per key; retries on 5xx and network errors are aws4fetch's.
 */
export class S3Storage implements FileStorage {
  readonly kind = "s3" as const;
  private readonly client: AwsClient;

  constructor(private readonly config: S3Config) {
    this.client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, service: "s3", region: config.region, retries: 3, initRetryMs: 100 });
  }

  private url(key: string): string {
    assertValidKey(key);
    const { bucket, region, forcePathStyle } = this.config;
    const base = new URL(this.config.endpoint ?? `https://s3.${region}.amazonaws.com`);
    const path = key.split("/").map(encodeURIComponent).join("/");
    if (forcePathStyle) return `${base.origin}${base.pathname.replace(/\/$/, "")}/${encodeURIComponent(bucket)}/${path}`;
    return `${base.protocol}//${bucket}.${base.host}${base.pathname.replace(/\/$/, "")}/${path}`;
  }

  private async fail(res: Response, what: string): Promise<never> {
    const body = (await res.text().catch(() => "")).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
    throw new AppError("INTERNAL", `El almacenamiento S3 respondió ${res.status}${code ? ` (${code})` : ""} al ${what}`);
  }

  async put(key: string, bytes: Uint8Array, contentType = "application/octet-stream"): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: "PUT", body: bytes as Uint8Array<ArrayBuffer>, headers: { "content-type": contentType } });
    if (!res.ok) await this.fail(res, "guardar el archivo");
    await res.arrayBuffer();
  }

  async get(key: string): Promise<Uint8Array> {
    const res = await this.client.fetch(this.url(key), { method: "GET" });
    if (res.status === 404) {
      await res.arrayBuffer();
      throw missingObject(key);
    }
    if (!res.ok) await this.fail(res, "leer el archivo");
    return new Uint8Array(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: "DELETE" });
    if (!res.ok && res.status !== 404) await this.fail(res, "borrar el archivo");
    await res.arrayBuffer();
  }
}
