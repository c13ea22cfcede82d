/**
 * A real HTTP receiver on 127.0.0.1 for delivery tests. It records every request (raw body
 * bytes, headers, socket) and answers with whatever the test's `respond` decides.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  socket: Socket;
}

export type Responder = (req: Received, res: ServerResponse) => unknown;

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  connections: number;
  respond: Responder;
  close: () => Promise<void>;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
}

export async function startReceiver(respond: Responder = (_req, res) => res.writeHead(204).end()): Promise<Receiver> {
  const state: Receiver = { url: "", port: 0, requests: [], connections: 0, respond, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received: Received = { method: req.method ?? "", url: req.url ?? "", headers: flatHeaders(req), body: Buffer.concat(chunks), socket: req.socket };
      state.requests.push(received);
      void Promise.resolve(state.respond(received, res)).catch(() => res.destroy());
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}/hook`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
