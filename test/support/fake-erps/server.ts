/**
 * The base of the fake ERPs: a real node:http server on 127.0.0.1 that records every request
 * (method, path, query, headers, parsed JSON body) and hands it to the ERP's handler.
 * Each fake implements only what the brief (docs/reference/erp-presets.md) documents.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; text: string; json: unknown };
export type FakeAnswer = { status: number; body: unknown; headers?: Record<string, string> };
export type FakeHandler = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", "http://fake");
        let json: unknown = null;
        try {
          json = text && (req.headers["content-type"] ?? "").includes("json") ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
        const fake: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, text, json };
        requests.push(fake);
        try {
          const answer = await handler(fake);
          res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.body));
        } catch (e) {
          res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: String(e) }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): FakeAnswer => ({ status, body, headers });
export const digits = (v: unknown) => String(v ?? "").replace(/\D/g, "");
