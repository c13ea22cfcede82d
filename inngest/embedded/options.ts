/**
 * The one list of what the embedded engine accepts at sync: every function option and step tool,
 * with its status. `validate.ts` refuses any option not listed here; MATRIX.md is generated from
 * this list plus the conformance tests' tags (scripts/engine-matrix.ts).
 *
 * - "supported": implemented with Inngest's semantics and covered by a conformance test.
 * - "refused": refused at sync (options) or failed at once with a clear error (step tools).
 */
export type OptionStatus = "supported" | "refused";

export const FUNCTION_OPTIONS = {
  id: "supported",
  name: "supported",
  triggers: "supported",
  steps: "supported",
  idempotency: "supported",
  concurrency: "supported",
  cancel: "supported",
  debounce: "supported",
  throttle: "supported",
  rateLimit: "supported",
  batchEvents: "supported",
  priority: "supported",
  timeouts: "supported",
  singleton: "supported",
} as const satisfies Record<string, OptionStatus>;

/** Sub-options the engine does not implement: refused at sync with this reason. */
export const REFUSED_SUB_OPTIONS: Record<string, string> = {
  "triggers[].jitter": "el jitter de cron no está soportado por el motor embebido",
  "steps.step.runtime.type=ws": "Inngest Connect (runtime \"ws\") no está soportado por el motor embebido",
};

/** Step tools (SDK opcodes) and what the engine does with them. */
export const STEP_TOOLS = {
  "step.run": { op: "StepRun", status: "supported" },
  "step.sleep / step.sleepUntil": { op: "Sleep", status: "supported" },
  "step.waitForEvent": { op: "WaitForEvent", status: "supported" },
  "step.invoke": { op: "InvokeFunction", status: "supported" },
  "step.sendEvent": { op: "StepRun", status: "supported" },
  "step.fetch": { op: "Gateway", status: "supported" },
  "step.ai.infer": { op: "AIGateway", status: "refused" },
  "step.waitForSignal": { op: "WaitForSignal", status: "refused" },
  "step.realtime.publish": { op: "StepPlanned (realtime)", status: "refused" },
} as const satisfies Record<string, { op: string; status: OptionStatus }>;

/** Clear failures for the step tools the engine does not implement (NonRetriableError: no retry helps). */
export const UNSUPPORTED_TOOL_ERRORS: Record<string, string> = {
  AIGateway: "step.ai.infer no está soportado por el motor embebido de Contaflow; usá step.ai.wrap o step.run con el cliente del proveedor",
  WaitForSignal: "step.waitForSignal no está soportado por el motor embebido de Contaflow; usá step.waitForEvent",
  RealtimePublish: "realtime publish no está soportado por el motor embebido de Contaflow",
};

/** Inngest Cloud's limits (inngest/embedded/README.md cites the documentation for each). */
export const LIMITS = {
  maxTriggers: 10,
  maxCancellations: 5,
  maxConcurrencyLimits: 2,
  maxConcurrency: 100_000,
  maxRetries: 20,
  maxEventNameLength: 256,
  /** Free plan default; paid plans go up to 3 MiB (AbsoluteMaxEventSize). */
  maxEventBytes: 256 * 1024,
  maxEventsPerRequest: 5_000,
  maxStepOutputBytes: 4 * 1024 * 1024,
  maxBatchSize: 100,
  debouncePeriod: { min: 1_000, max: 7 * 864e5 },
  throttlePeriod: { min: 1_000, max: 7 * 864e5 },
  rateLimitPeriod: { min: 1_000, max: 864e5 },
  batchTimeout: { min: 1_000, max: 60_000 },
  cancelTimeoutMax: 365 * 864e5,
} as const;
