import { n8nClassifyTransaction } from "./classify-transaction";
import { n8nEvaluateAlerts } from "./evaluate-alerts";
import { n8nFinancialProjection, n8nWeeklyProjections } from "./financial-projection";
import { n8nParseEmail } from "./parse-email";
import { n8nSyncUser } from "./sync-user";

/** The n8n contract's five calls as Inngest functions (plus the weekly projection cron). */
export const n8nFunctions = [n8nParseEmail, n8nClassifyTransaction, n8nEvaluateAlerts, n8nFinancialProjection, n8nWeeklyProjections, n8nSyncUser];
