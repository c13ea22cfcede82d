import { createCallerFactory, createRouter } from "./trpc";
import { aiRouter } from "./routers/ai";
import { apiClientsRouter } from "./routers/api-clients";
import { auditRouter } from "./routers/audit";
import { connectorsRouter } from "./routers/connectors";
import { exportsRouter } from "./routers/exports";
import { syncRouter } from "./routers/sync";
import { documentsRouter } from "./routers/documents";
import { invitationsRouter } from "./routers/invitations";
import { membersRouter } from "./routers/members";
import { misComprobantesRouter } from "./routers/mis-comprobantes";
import { movementsRouter } from "./routers/movements";
import { n8nRouter } from "./routers/n8n";
import { notificationsRouter } from "./routers/notifications";
import { plansRouter } from "./routers/plans";
import { runsRouter } from "./routers/runs";
import { statsRouter } from "./routers/stats";
import { suppliersRouter } from "./routers/suppliers";
import { clientsRouter, libroIvaRouter } from "./routers/clients";
import { onboardingRouter } from "./routers/onboarding";
import { tenantRouter } from "./routers/tenant";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createRouter({
  n8n: n8nRouter,
  movements: movementsRouter,
  onboarding: onboardingRouter,
  tenant: tenantRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  plans: plansRouter,
  webhooks: webhooksRouter,
  notifications: notificationsRouter,
  stats: statsRouter,
  runs: runsRouter,
  connectors: connectorsRouter,
  exports: exportsRouter,
  sync: syncRouter,
  documents: documentsRouter,
  suppliers: suppliersRouter,
  misComprobantes: misComprobantesRouter,
  clients: clientsRouter,
  libroIva: libroIvaRouter,
  ai: aiRouter,
  apiClients: apiClientsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
