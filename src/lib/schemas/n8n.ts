import { z } from "zod";

/** The five actions of the n8n contract (v1), their webhook endpoints and labels. */
export const N8N_ACTIONS = ["parse_email", "classify_transaction", "evaluate_alerts", "financial_projection", "sync_user"] as const;
export type N8nAction = (typeof N8N_ACTIONS)[number];

export const N8N_ENDPOINTS: Record<N8nAction, string> = {
  parse_email: "parse-email",
  classify_transaction: "classify-transaction",
  evaluate_alerts: "evaluate-alerts",
  financial_projection: "financial-projection",
  sync_user: "sync-user",
};

/** The contract's error codes and what each one means for Contaflow. */
export const N8N_ERROR_CODES = ["AUTH_FAILED", "INVALID_PAYLOAD", "PARSE_FAILED", "AI_ERROR", "RATE_LIMITED", "INTERNAL_ERROR", "TIMEOUT"] as const;
export type N8nContractErrorCode = (typeof N8N_ERROR_CODES)[number];
/** Ours, for failures that never got a contract answer. */
export type N8nLocalErrorCode = "NETWORK" | "BLOCKED_URL" | "INVALID_RESPONSE" | "NOT_CONFIGURED" | "NOT_FOUND" | "UNKNOWN_ERROR";
export type N8nErrorCode = N8nContractErrorCode | N8nLocalErrorCode;

export const N8N_CALL_STATUSES = ["SUCCEEDED", "RETRYING", "FAILED", "MANUAL_REVIEW"] as const;

const secretField = z.string().trim().max(500, "Máximo 500 caracteres");

export const saveN8nSettingsInput = z.object({
  baseUrl: z
    .string()
    .trim()
    .min(1, "Ingresá la URL de tu n8n")
    .max(2048, "La URL es demasiado larga")
    .refine((u) => /^https?:\/\//i.test(u), "La URL debe empezar con https:// (o http://)"),
  /** Empty keeps the saved one. */
  token: secretField.default(""),
  signingSecret: secretField.default(""),
  timeoutSeconds: z.coerce.number().int().min(1, "Mínimo 1 s").max(120, "Máximo 120 s").default(30),
  enabled: z.boolean().default(true),
});
export type SaveN8nSettingsInput = z.input<typeof saveN8nSettingsInput>;

export const n8nCallsInput = z.object({
  action: z.enum(N8N_ACTIONS).optional(),
  status: z.enum(N8N_CALL_STATUSES).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

export const n8nTestInput = z.object({ action: z.enum(N8N_ACTIONS) });
