/**
 * The n8n webhook contract v1 (docs: docs/n8n/contract-v1.md; workflows and differences in
 * docs/n8n/README.md): request envelope, response envelope, and one zod schema per action for
 * the request payload and the response `data`. Every response is validated here before any of
 * it reaches the database; a response that does not match is an INVALID_RESPONSE error.
 */
import { z } from "zod";
import { N8N_ENDPOINTS, N8N_ERROR_CODES, type N8nAction } from "@/lib/schemas/n8n";

export const CONTRACT_VERSION = "v1";

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "fecha ISO 8601 inválida");
const money = z.number().finite();
const numberRecord = z.record(z.string(), money);

// ── Requests ────────────────────────────────────────────────────────────────────────────────

export const parseEmailPayload = z.object({
  emailId: z.string().min(1),
  from: z.string(),
  subject: z.string(),
  body: z.string().min(1),
  receivedAt: isoDate,
  bank: z.string(),
});

export const classifyTransactionPayload = z.object({
  transactionId: z.string().min(1),
  amount: money,
  merchant: z.string(),
  description: z.string(),
  date: isoDate,
  userContext: z.object({ previousCategories: z.array(z.string()), monthlyBudgets: numberRecord }),
});

export const evaluateAlertsPayload = z.object({
  transaction: z.object({ id: z.string().min(1), amount: money, category: z.string(), merchant: z.string(), date: isoDate }),
  userRules: z.object({
    // Numbers, never null (a strict receiver refuses null): 0 means "none".
    weeklyBudget: money.nonnegative(),
    currentWeekSpent: money.nonnegative(),
    alertThreshold: z.number(),
    unusualAmountThreshold: money.nonnegative(),
    blockedCategories: z.array(z.string()),
  }),
  historicalData: z.object({ averageTransactionAmount: money, maxTransactionLast30Days: money, categoryAverages: numberRecord }),
});

export const goalSchema = z.object({
  type: z.string().min(1),
  target: money,
  period: z.string().optional(),
  category: z.string().optional(),
});

export const financialProjectionPayload = z.object({
  projectionType: z.enum(["weekly", "monthly"]),
  historicalData: z.object({
    income: z.object({ monthly: money, sources: z.array(z.object({ type: z.string(), amount: money })) }),
    expenses: z.object({ last30Days: money, byCategory: numberRecord }),
    trends: z.object({ expenseGrowthRate: z.number(), savingsRate: z.number() }),
  }),
  goals: z.array(goalSchema),
});

export const syncUserPayload = z.object({
  syncType: z.enum(["full", "partial"]),
  userData: z.object({
    preferences: z.object({ currency: z.string(), timezone: z.string(), language: z.string(), notificationsEnabled: z.boolean() }),
    budgets: z.object({ weekly: money.nonnegative(), monthly: money.nonnegative(), byCategory: numberRecord }),
    alertRules: z.object({ budgetThreshold: z.number(), unusualAmountMultiplier: z.number(), dailyDigest: z.boolean(), instantAlerts: z.array(z.string()) }),
    connectedBanks: z.array(z.string()),
  }),
});

// ── Responses (`data`) ──────────────────────────────────────────────────────────────────────

export const parseEmailData = z.object({
  transaction: z.object({
    type: z.enum(["expense", "income"]),
    amount: money.nonnegative(),
    currency: z.string().min(3).max(3),
    merchant: z.string().min(1).max(200),
    category: z.string().max(60).optional(),
    confidence: z.number().min(0).max(1).optional(),
    date: isoDate,
    description: z.string().max(1000).optional(),
    accountLastFour: z.string().max(8).nullable().optional(),
  }),
  metadata: z.object({ parsingMethod: z.string().optional(), processingTime: z.number().optional() }).partial().optional(),
});

export const classifyTransactionData = z.object({
  classification: z.object({
    category: z.string().min(1).max(60),
    subcategory: z.string().max(60).nullable().optional(),
    confidence: z.number().min(0).max(1),
    isRecurring: z.boolean(),
    recurringPattern: z.string().max(40).nullable().optional(),
    tags: z.array(z.string().max(40)).max(20).default([]),
  }),
  aiInsights: z
    .object({
      model: z.string().optional(),
      reasoning: z.string().max(2000).optional(),
      alternativeCategories: z.array(z.object({ category: z.string().min(1).max(60), confidence: z.number().min(0).max(1) })).max(10).default([]),
    })
    .optional(),
});

export const alertSchema = z.object({
  type: z.string().min(1).max(60),
  severity: z.enum(["low", "medium", "high", "critical"]),
  title: z.string().min(1).max(200),
  message: z.string().max(1000),
  data: z.record(z.string(), z.unknown()).default({}),
});

export const evaluateAlertsData = z.object({
  alerts: z.array(alertSchema).max(50),
  recommendations: z.array(z.object({ type: z.string().min(1).max(60), message: z.string().min(1).max(1000) })).max(50).default([]),
  shouldNotify: z.boolean(),
  notificationPriority: z.enum(["low", "medium", "high", "critical"]).optional(),
});

export const financialProjectionData = z.object({
  projection: z.object({
    period: z.string(),
    estimatedExpenses: money,
    estimatedIncome: money,
    projectedBalance: money,
    burnRate: z.object({ daily: money, weekly: money, monthly: money }),
    byCategory: numberRecord,
  }),
  insights: z.array(z.object({ type: z.string(), title: z.string(), description: z.string(), impact: z.string().optional() })).default([]),
  recommendations: z
    .array(z.object({ priority: z.string(), action: z.string().min(1), potentialSavings: money.optional(), difficulty: z.string().optional() }))
    .default([]),
  goalProgress: z
    .array(z.object({ goal: z.string(), currentProgress: money, percentage: z.number(), onTrack: z.boolean(), projectedCompletion: money.optional() }))
    .default([]),
  aiSummary: z.string().max(5000),
});

export const syncUserData = z.object({
  syncStatus: z.string().min(1),
  updatedFields: z.array(z.string()).default([]),
  workflowsUpdated: z.array(z.string()).default([]),
  nextScheduledSync: isoDate.nullable().optional(),
});

export const payloadSchemas = {
  parse_email: parseEmailPayload,
  classify_transaction: classifyTransactionPayload,
  evaluate_alerts: evaluateAlertsPayload,
  financial_projection: financialProjectionPayload,
  sync_user: syncUserPayload,
} as const satisfies Record<N8nAction, z.ZodType>;

export const dataSchemas = {
  parse_email: parseEmailData,
  classify_transaction: classifyTransactionData,
  evaluate_alerts: evaluateAlertsData,
  financial_projection: financialProjectionData,
  sync_user: syncUserData,
} as const satisfies Record<N8nAction, z.ZodType>;

export type N8nPayload<A extends N8nAction> = z.input<(typeof payloadSchemas)[A]>;
export type N8nData<A extends N8nAction> = z.output<(typeof dataSchemas)[A]>;

// ── Envelopes ───────────────────────────────────────────────────────────────────────────────

export interface RequestEnvelope<A extends N8nAction = N8nAction> {
  requestId: string;
  timestamp: string;
  userId: string;
  action: A;
  payload: N8nPayload<A>;
}

export const errorItemSchema = z.object({
  code: z.string().min(1),
  message: z.string().default(""),
  details: z.unknown().optional(),
});

/** The base response; `data` is checked per action afterwards. */
export const responseEnvelopeSchema = z.object({
  success: z.boolean(),
  requestId: z.string().min(1),
  executionId: z.string().nullable().optional(),
  timestamp: isoDate,
  data: z.unknown(),
  errors: z.array(errorItemSchema).default([]),
});

export function isContractErrorCode(code: string): code is (typeof N8N_ERROR_CODES)[number] {
  return (N8N_ERROR_CODES as readonly string[]).includes(code);
}

export function endpointPath(action: N8nAction): string {
  return `/webhook/${N8N_ENDPOINTS[action]}`;
}

/** "data.classification.category: Required" lines for an admin, at most 5. */
export function describeIssues(error: z.ZodError, prefix = ""): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(raíz)"}: ${i.message}`)
    .join("; ");
}
