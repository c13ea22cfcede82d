/** The parts of the SDK's register payload the engine uses (protocol brief §3). */
export type FunctionConfig = {
  id: string;
  name: string;
  triggers: ({ event: string; expression?: string } | { cron: string })[];
  steps: { step: { runtime: { url: string }; retries?: { attempts?: number } } };
  idempotency?: string;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  cancel?: { event: string; if?: string; timeout?: string }[];
  debounce?: { key?: string; period: string; timeout?: string };
  throttle?: { limit: number; period: string; burst?: number; key?: string };
  rateLimit?: { limit: number; period: string; key?: string };
  batchEvents?: { maxSize: number; timeout: string; key?: string; if?: string };
  priority?: { run?: string };
  timeouts?: { start?: string; finish?: string };
  singleton?: { key?: string; mode: "skip" | "cancel" };
};

export type ConcurrencyOption = { limit: number; key?: string; scope?: "fn" | "env" | "account" };

export type EngineEventPayload = { id: string; name: string; data: Record<string, unknown>; ts: number; user: Record<string, unknown> };

/** One op of a 206 answer (protocol brief §6.2). */
export type Op = {
  op: string;
  id: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown> & { timeout?: string; event?: string; if?: string; function_id?: string; payload?: { data?: Record<string, unknown> }; duration?: string };
};
