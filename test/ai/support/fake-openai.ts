/**
 * A small OpenAI-compatible server on 127.0.0.1 for AI tests (Vitest and Playwright): a real
 * node:http server answering `POST /v1/chat/completions` like the OpenAI API does — bearer key
 * check, `choices[0].message.content`, `usage` — and `GET /v1/models`. The reply content is
 * chosen by a `responder` from the request (so a test can answer per task), and everything it
 * receives is recorded. Knobs: a required key, a forced status, malformed bodies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ChatMessage = { role: string; content: string };
export type ChatBody = { model: string; messages: ChatMessage[]; response_format?: { type: string }; max_tokens?: number; temperature?: number };
export type FakeRequest = { method: string; path: string; headers: Record<string, string>; body: ChatBody | null; raw: string };

/** What the model "says": an object (sent as JSON text), a raw string, or an HTTP error. */
export type FakeAnswer = { json: unknown } | { text: string } | { status: number; error?: string } | { rawBody: string };

export interface FakeOpenAi {
  /** Base URL to configure in Contaflow (ends with /v1). */
  baseUrl: string;
  requests: FakeRequest[];
  /** Decide the next answers; the default answers `{"ok": true}`. */
  respond(responder: (req: FakeRequest) => FakeAnswer): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Classification and review answers for Contaflow's default prompts, by what the system prompt asks. */
export function contaflowResponder(req: FakeRequest): FakeAnswer {
  const system = req.body?.messages.find((m) => m.role === "system")?.content ?? "";
  if (system.includes("cuenta contable")) {
    return { json: { account: { code: "5.1.03", name: "Honorarios profesionales" }, category: { code: "servicios", name: "Servicios" }, confidence: 0.82, reason: "El proveedor factura servicios profesionales." } };
  }
  if (system.includes("señalá lo que un contador debería revisar")) {
    return { json: { anomalies: [{ code: "fecha_fin_de_semana", message: "La factura tiene fecha de un domingo." }] } };
  }
  return { json: { ok: true } };
}

export async function startFakeOpenAi(opts: { apiKey?: string; port?: number } = {}): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  let responder: (req: FakeRequest) => FakeAnswer = contaflowResponder;
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      let body: ChatBody | null = null;
      try {
        body = raw ? (JSON.parse(raw) as ChatBody) : null;
      } catch {
        body = null;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const record: FakeRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers, body, raw };
      requests.push(record);

      if (opts.apiKey && headers.authorization !== `Bearer ${opts.apiKey}`) {
        return send(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } });
      }
      if (record.method === "GET" && record.path === "/v1/models") return send(res, 200, { object: "list", data: [{ id: "fake-gpt", object: "model" }] });
      if (record.method !== "POST" || record.path !== "/v1/chat/completions") return send(res, 404, { error: { message: `Unknown path ${record.path}` } });
      if (!body?.model || !Array.isArray(body.messages)) return send(res, 400, { error: { message: "model and messages are required" } });

      const answer = responder(record);
      if ("status" in answer) return send(res, answer.status, { error: { message: answer.error ?? "error" } });
      if ("rawBody" in answer) return send(res, 200, answer.rawBody);
      const content = "json" in answer ? JSON.stringify(answer.json) : answer.text;
      send(res, 200, {
        id: `chatcmpl-${requests.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respond(r) {
      responder = r;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
