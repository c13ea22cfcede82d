/** Plan limits, shared by server checks and the plans page. A null limit means unlimited. */
export const PLAN_LIMIT_KEYS = ["users", "documentsPerMonth", "connectors", "webhooks", "apiCallsPerMinute"] as const;
export type PlanLimitKey = (typeof PLAN_LIMIT_KEYS)[number];
export type PlanLimits = Record<PlanLimitKey, number | null>;

/** The plan a tenant without one is on. */
export const FREE_PLAN_ID = "gratis";
