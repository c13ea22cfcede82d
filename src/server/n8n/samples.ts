/** The contract's example payloads, sent by the "probar" button (nothing is saved from the answer). */
import type { N8nAction } from "@/lib/schemas/n8n";
import type { N8nPayload } from "./contract";

export function samplePayload<A extends N8nAction>(action: A): N8nPayload<A> {
  const now = new Date().toISOString();
  const samples: { [K in N8nAction]: N8nPayload<K> } = {
    parse_email: {
      emailId: "prueba-email-1",
      from: "alertas@banco.example",
      subject: "Aviso de compra con tu tarjeta",
      body: "Se realizó una compra por $45.000,00 en SUPERMERCADO EJEMPLO con tu tarjeta terminada en 1234.",
      receivedAt: now,
      bank: "banco-ejemplo",
    },
    classify_transaction: {
      transactionId: "prueba-txn-1",
      amount: 15000,
      merchant: "NETFLIX.COM",
      description: "Pago mensual",
      date: now,
      userContext: { previousCategories: ["entertainment", "subscriptions"], monthlyBudgets: { entertainment: 200000, subscriptions: 100000 } },
    },
    evaluate_alerts: {
      transaction: { id: "prueba-txn-2", amount: 500000, category: "shopping", merchant: "TIENDA EJEMPLO", date: now },
      userRules: { weeklyBudget: 600000, currentWeekSpent: 450000, alertThreshold: 0.8, unusualAmountThreshold: 300000, blockedCategories: [] },
      historicalData: { averageTransactionAmount: 85000, maxTransactionLast30Days: 250000, categoryAverages: { shopping: 120000 } },
    },
    financial_projection: {
      projectionType: "weekly",
      historicalData: {
        income: { monthly: 4500000, sources: [{ type: "salary", amount: 4000000 }, { type: "freelance", amount: 500000 }] },
        expenses: { last30Days: 3200000, byCategory: { housing: 1200000, food: 600000, transport: 300000 } },
        trends: { expenseGrowthRate: 0.05, savingsRate: 0.28 },
      },
      goals: [{ type: "savings", target: 500000, period: "monthly" }],
    },
    sync_user: {
      syncType: "full",
      userData: {
        preferences: { currency: "ARS", timezone: "America/Argentina/Buenos_Aires", language: "es", notificationsEnabled: true },
        budgets: { weekly: 600000, monthly: 2400000, byCategory: { food: 800000 } },
        alertRules: { budgetThreshold: 0.8, unusualAmountMultiplier: 3, dailyDigest: true, instantAlerts: ["BUDGET_EXCEEDED"] },
        connectedBanks: ["banco-ejemplo"],
      },
    },
  };
  return samples[action] as N8nPayload<A>;
}
