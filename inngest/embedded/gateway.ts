/**
 * `step.fetch` (SDK opcode "Gateway"): the engine makes the HTTP request on the function's behalf
 * — through the SSRF guard, like every outgoing request to a user URL — and the step's result is
 * `{ status_code, headers, body }`, which the SDK turns back into a `Response`
 * (inngest/components/Fetch + InngestStepTools `gatewaySymbol`). The body is text, ≤ 4 MiB (the
 * step output limit). A blocked or unreachable URL is a step error the function can catch.
 */
import { request, type Dispatcher } from "undici";
import { createSafeAgent } from "@/server/net/safe-agent";
import { checkUrlShape } from "@/server/net/ssrf";
import { LIMITS } from "./options";

type GatewayOpts = { url?: string; method?: string; headers?: Record<string, string>; body?: unknown };
export type GatewayResult = { data: { status_code: number; headers: Record<string, string>; body: string } } | { error: { name: string; message: string } };

let agent: Dispatcher | undefined;
const TIMEOUT_MS = 300_000;

export async function performGateway(opts: GatewayOpts | undefined): Promise<GatewayResult> {
  const shape = checkUrlShape(String(opts?.url ?? ""));
  if (!shape.ok) return { error: { name: "Error", message: `step.fetch: ${shape.message}` } };
  agent ??= createSafeAgent({ connections: 8 });
  try {
    const res = await request(shape.url, {
      method: (opts?.method ?? "GET").toUpperCase() as Dispatcher.HttpMethod,
      headers: opts?.headers ?? {},
      body: opts?.body === undefined || opts.body === null ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
      dispatcher: agent,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > LIMITS.maxStepOutputBytes) {
        res.body.destroy();
        return { error: { name: "Error", message: "step.fetch: step output size is greater than the limit (4 MiB)" } };
      }
      chunks.push(chunk);
    }
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
    return { data: { status_code: res.statusCode, headers, body: Buffer.concat(chunks).toString("utf8") } };
  } catch (e) {
    return { error: { name: "Error", message: `step.fetch ${shape.url.host}: ${(e as Error).message}` } };
  }
}
