import { createCallerFactory, createRouter } from "./trpc";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { statsRouter } from "./routers/stats";
import { tenantRouter } from "./routers/tenant";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createRouter({
  tenant: tenantRouter,
  members: membersRouter,
  webhooks: webhooksRouter,
  notifications: notificationsRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
