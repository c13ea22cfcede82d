import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: Record<string, string>; body: string };

/** A real webhook receiver on loopback: records requests, answers with `status()`. */
export async function startReceiver(status: (n: number) => number = () => 204) {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status(requests.length)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/contaflow`,
    requests,
    setStatus(fn: (n: number) => number) {
      status = fn;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
