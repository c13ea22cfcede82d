/**
 * better-auth's rate limits (sign-in, sign-up, password reset) key on the client address. It
 * reads only this header, which we set from our trust model (client-address.ts) after dropping
 * any client-sent value; better-auth's default, X-Forwarded-For, is whatever the client says.
 */
import { clientAddress } from "@/server/http/client-address";

export const CLIENT_IP_HEADER = "x-contaflow-client-ip";

export function withClientIp(req: Request): Request {
  const headers = new Headers(req.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientAddress(req.headers);
  // No trusted address: better-auth falls back to one shared bucket per path (never a forged key).
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  return new Request(req.url, { method: req.method, headers, body: req.body, signal: req.signal, duplex: "half" } as RequestInit);
}
