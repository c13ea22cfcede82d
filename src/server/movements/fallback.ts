/**
 * Local rules used when n8n's AI keeps failing (AI_ERROR after the retries): a category from
 * the merchant's name, and the two basic alerts (budget threshold, unusual amount). Marked as
 * FALLBACK / source "local" so people know they did not come from n8n.
 */
const KEYWORDS: [RegExp, string][] = [
  [/netflix|spotify|disney|hbo|youtube|prime video|icloud|google \*|suscrip/i, "subscriptions"],
  [/super|carrefour|coto|dia\b|jumbo|disco|vea|exito|walmart|chango/i, "groceries"],
  [/ypf|shell|axion|puma|nafta|combustible/i, "fuel"],
  [/uber|cabify|didi|sube|subte|peaje|taxi|remis/i, "transport"],
  [/rappi|pedidosya|mcdonald|burger|restaurant|resto|cafe|café|starbucks/i, "restaurants"],
  [/farmacia|osde|swiss medical|galeno|hospital|clinica|clínica|medic/i, "health"],
  [/edesur|edenor|metrogas|aysa|telecom|personal|claro|movistar|fibertel|luz|gas\b|agua/i, "utilities"],
  [/alquiler|expensas|inmobiliaria/i, "housing"],
  [/afip|arca|arba|agip|impuesto|monotributo/i, "taxes"],
  [/comisi[oó]n|mantenimiento de cuenta|iva percep/i, "fees"],
  [/transferencia|transf\./i, "transfer"],
  [/sueldo|haberes|salario/i, "salary"],
];

export function localCategory(merchant: string, description: string, parsedCategory: string | null): string {
  const text = `${merchant} ${description}`;
  for (const [re, category] of KEYWORDS) if (re.test(text)) return category;
  return parsedCategory || "other";
}

export type LocalAlert = { type: string; severity: "low" | "medium" | "high"; title: string; message: string; data: Record<string, unknown> };

const fmt = (n: number, currency: string) => new Intl.NumberFormat("es-AR", { style: "currency", currency, maximumFractionDigits: 0 }).format(n);

export function localAlerts(input: {
  amount: number;
  currency: string;
  category: string;
  weeklyBudget: number | null;
  currentWeekSpent: number;
  threshold: number;
  average: number;
  multiplier: number;
  unusualThreshold: number | null;
  blockedCategories: string[];
}): LocalAlert[] {
  const alerts: LocalAlert[] = [];
  // currentWeekSpent is the spend BEFORE this purchase (the contract's reading): add it once.
  const spent = input.currentWeekSpent + input.amount;
  if (input.weeklyBudget && input.weeklyBudget > 0) {
    const ratio = spent / input.weeklyBudget;
    if (ratio >= input.threshold) {
      const pct = Math.round(ratio * 100);
      alerts.push({
        type: ratio >= 1 ? "BUDGET_EXCEEDED" : "BUDGET_THRESHOLD",
        severity: ratio >= 1 ? "high" : "medium",
        title: ratio >= 1 ? "Superaste el presupuesto semanal" : "Estás llegando al límite semanal",
        message: `Llevás gastado el ${pct} % del presupuesto semanal (${fmt(spent, input.currency)} de ${fmt(input.weeklyBudget, input.currency)}).`,
        data: { budgetType: "weekly", budgetAmount: input.weeklyBudget, spentAmount: spent, percentageUsed: pct },
      });
    }
  }
  const unusual = (input.unusualThreshold !== null && input.amount >= input.unusualThreshold) || (input.average > 0 && input.amount >= input.average * input.multiplier);
  if (unusual) {
    alerts.push({
      type: "UNUSUAL_AMOUNT",
      severity: "medium",
      title: "Gasto inusual",
      message: input.average > 0 ? `Este gasto de ${fmt(input.amount, input.currency)} es ${(input.amount / input.average).toFixed(1).replace(".", ",")} veces tu promedio.` : `Este gasto de ${fmt(input.amount, input.currency)} supera tu umbral.`,
      data: { transactionAmount: input.amount, userAverage: input.average },
    });
  }
  if (input.blockedCategories.includes(input.category)) {
    alerts.push({ type: "BLOCKED_CATEGORY", severity: "high", title: "Gasto en una categoría bloqueada", message: `Se registró un gasto en «${input.category}», que marcaste como bloqueada.`, data: { category: input.category } });
  }
  return alerts;
}
