import { z } from "zod";

/** Categories the UI knows by name (messages movements.categories.*); n8n may answer others, shown as they come. */
export const CATEGORIES = ["groceries", "food", "restaurants", "transport", "fuel", "housing", "utilities", "entertainment", "subscriptions", "shopping", "health", "education", "travel", "taxes", "fees", "transfer", "salary", "income", "other"] as const;

export const ALERT_TYPES = ["BUDGET_THRESHOLD", "BUDGET_EXCEEDED", "UNUSUAL_AMOUNT", "SUSPICIOUS_ACTIVITY", "BLOCKED_CATEGORY"] as const;

const text = (max: number) => z.string().trim().max(max, `Máximo ${max} caracteres`);
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "Usá letras minúsculas, números, - o _ (hasta 40)");

export const pasteEmailInput = z.object({
  from: text(320).default(""),
  subject: text(500).default(""),
  body: z.string().trim().min(10, "Pegá el texto completo del correo").max(100_000, "Máximo 100.000 caracteres"),
});

export const uploadEmlInput = z.object({
  fileName: text(255).default("correo.eml"),
  /** The .eml file as text (RFC 822). */
  content: z.string().min(1, "El archivo está vacío").max(2_000_000, "El archivo supera 2 MB"),
});

export const listTransactionsInput = z.object({ cursor: z.string().optional(), limit: z.number().int().min(1).max(100).default(25) });

export const overrideCategoryInput = z.object({
  id: z.string().min(1),
  category: slug,
  subcategory: z.string().trim().max(60).optional(),
});

const amount = z.coerce.number().finite().min(0, "No puede ser negativo").max(1e13, "Monto demasiado grande");
const optionalAmount = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), amount.nullable());

export const resolveReviewInput = z.discriminatedUnion("action", [
  z.object({ action: z.literal("discard"), emailId: z.string().min(1) }),
  z.object({
    action: z.literal("enter"),
    emailId: z.string().min(1),
    type: z.enum(["expense", "income"]),
    amount: amount.refine((n) => n > 0, "Ingresá un monto mayor que cero"),
    currency: z.string().trim().toUpperCase().length(3, "Código de 3 letras (ARS, USD…)"),
    merchant: text(200).min(1, "Ingresá el comercio"),
    date: z.coerce.date(),
  }),
]);

export const goalInput = z.object({
  type: z.enum(["savings", "reduce_spending"]),
  target: amount,
  period: z.enum(["weekly", "monthly"]).optional(),
  category: slug.optional(),
});

export const updateProfileInput = z.object({
  currency: z.string().trim().toUpperCase().length(3, "Código de 3 letras (ARS, USD…)"),
  timezone: text(60).min(1),
  language: z.enum(["es", "en"]),
  notificationsEnabled: z.boolean(),
  emailAlerts: z.boolean(),
  weeklyBudget: optionalAmount,
  monthlyBudget: optionalAmount,
  categoryBudgets: z.array(z.object({ category: slug, amount })).max(40, "Máximo 40 categorías"),
  budgetThreshold: z.coerce.number().min(0.1, "Entre 10 % y 100 %").max(1, "Entre 10 % y 100 %"),
  unusualAmountMultiplier: z.coerce.number().min(1, "Mínimo 1").max(100, "Máximo 100"),
  unusualAmountThreshold: optionalAmount,
  dailyDigest: z.boolean(),
  instantAlerts: z.array(z.enum(ALERT_TYPES)).max(ALERT_TYPES.length),
  blockedCategories: z.array(slug).max(40),
  connectedBanks: z.array(slug).max(20, "Máximo 20 bancos"),
  goals: z.array(goalInput).max(10, "Máximo 10 metas"),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const requestProjectionInput = z.object({ projectionType: z.enum(["weekly", "monthly"]).default("weekly") });
