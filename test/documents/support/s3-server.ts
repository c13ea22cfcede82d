/**
 * A small S3-compatible object server on 127.0.0.1 for storage tests: path-style
 * PUT/GET/DELETE of objects in one bucket, kept in memory. Every request must carry a valid
 * AWS SigV4 signature for the test credentials: the server recomputes it from the request it
 * received (method, path, signed headers, body hash, date) and answers 403 SignatureDoesNotMatch
 * otherwise, as S3 does.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsV4Signer } from "aws4fetch";

export type S3Server = { url: string; bucket: string; objects: Map<string, { body: Buffer; contentType: string }>; requests: string[]; close: () => Promise<void> };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const xmlError = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;

export async function startS3(opts: { bucket: string; accessKeyId: string; secretAccessKey: string; region: string }): Promise<S3Server> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = `http://${req.headers.host}${req.url}`;
      requests.push(`${req.method} ${req.url}`);
      const auth = String(req.headers.authorization ?? "");
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
      const headers: Record<string, string> = {};
      for (const h of signedHeaders) if (h !== "host") headers[h] = String(req.headers[h] ?? "");
      const signer = new AwsV4Signer({
        method: req.method,
        url,
        headers,
        body: body.length ? new Uint8Array(body) : undefined,
        accessKeyId: opts.accessKeyId,
        secretAccessKey: opts.secretAccessKey,
        service: "s3",
        region: opts.region,
        datetime: String(req.headers["x-amz-date"] ?? ""),
      });
      const expected = (await signer.sign()).headers.get("authorization");
      if (!auth || expected !== auth) {
        res.writeHead(403, { "content-type": "application/xml" }).end(xmlError("SignatureDoesNotMatch"));
        return;
      }
      const path = decodeURIComponent(new URL(url).pathname);
      const prefix = `/${opts.bucket}/`;
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { "content-type": "application/xml" }).end(xmlError("NoSuchBucket"));
        return;
      }
      const key = path.slice(prefix.length);
      if (req.method === "PUT") {
        objects.set(key, { body, contentType: String(req.headers["content-type"] ?? "") });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === "GET") {
        const obj = objects.get(key);
        if (!obj) res.writeHead(404, { "content-type": "application/xml" }).end(xmlError("NoSuchKey"));
        else res.writeHead(200, { "content-type": obj.contentType, "content-length": obj.body.length }).end(obj.body);
      } else if (req.method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bucket: opts.bucket, objects, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
