import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A TCP port free on 127.0.0.1 right now (the app and the engine of a bench each take one). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}
