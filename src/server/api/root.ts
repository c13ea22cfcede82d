import { createCallerFactory, createRouter } from "./trpc";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { tenantRouter } from "./routers/tenant";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = createRouter({
  tenant: tenantRouter,
  members: membersRouter,
  webhooks: webhooksRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
