/**
 * Our real Next route handlers behind a real HTTP server (node:http → fetch Request → handler →
 * Response), so tests talk HTTP to exactly the code `next start` runs. Routes are discovered
 * from the route files under src/app/api/{v1,oauth,auth,...}, like Next does. Like
 * scripts/server.mjs, the server stamps the TCP peer address (stampPeer) before the app sees it.
 */
import { readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";
import { stampPeer } from "../../../scripts/peer-header.mjs";

const ROOT = join(process.cwd(), "src", "app");
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name === "route.ts" ? [full] : [];
  });
}

/** Every route file under these folders of src/app, with its URL path (`[id]` → `{id}`). */
export function routeFiles(...folders: string[]): { file: string; path: string }[] {
  return folders.flatMap((f) =>
    walk(join(ROOT, f)).map((file) => {
      const segments = relative(ROOT, file).split(sep).slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
      return { file, path: `/${segments.map((s) => s.replace(/^\[\.\.\.(.+)\]$/, "{$1*}").replace(/^\[(.+)\]$/, "{$1}")).join("/")}` };
    }),
  );
}

type Route = { regex: RegExp; names: string[]; mod: Partial<Record<Method, Handler>> };

async function loadRoutes(folders: string[]): Promise<Route[]> {
  // Like Next, a catch-all ([...path]) only gets what no other route matches.
  const files = routeFiles(...folders).sort((a, b) => Number(a.path.includes("*}")) - Number(b.path.includes("*}")));
  return Promise.all(
    files.map(async ({ file, path }) => {
      const names: string[] = [];
      const regex = new RegExp(`^${path.replace(/\./g, "\\.").replace(/\{(\w+)(\*?)\}/g, (_m, n: string, all: string) => (names.push(n), all ? "(.+)" : "([^/]+)"))}$`);
      return { regex, names, mod: (await import(file)) as Route["mod"] };
    }),
  );
}

/** Bytes the route handler pulled from the last request body (streamed like Next does). */
let lastBodyBytes = 0;

/** The body as a stream the handler pulls from, so a handler that stops reading early really does. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const it = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  lastBodyBytes = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) return controller.close();
      lastBodyBytes += value.length;
      controller.enqueue(new Uint8Array(value));
    },
  });
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : bodyStream(req);
  return new Request(new URL(req.url ?? "/", base), { method, headers, body, duplex: "half" } as RequestInit);
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    if (k !== "set-cookie") headers[k] = v;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startApiServer(folders = ["api/v1", "api/oauth"]): Promise<{ url: string; close: () => Promise<void>; bodyBytesRead: () => number }> {
  const routes = await loadRoutes(folders);
  let base = "";
  const server = createServer((req, res) => {
    stampPeer(req, process.env.CONTAFLOW_PEER_HEADER);
    void (async () => {
      const request = await toRequest(req, base);
      const path = new URL(request.url).pathname;
      for (const route of routes) {
        const m = route.regex.exec(path);
        if (!m) continue;
        const handler = route.mod[request.method as Method];
        if (!handler) return send(res, new Response(null, { status: 405 }));
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
        return send(res, await handler(request, { params: Promise.resolve(params) }));
      }
      return send(res, new Response("not found", { status: 404 }));
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((r) => server.close(() => r())), bodyBytesRead: () => lastBodyBytes };
}
