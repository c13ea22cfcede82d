import { createCallerFactory, createRouter } from "./trpc";
import { membersRouter } from "./routers/members";
import { tenantRouter } from "./routers/tenant";

export const appRouter = createRouter({
  tenant: tenantRouter,
  members: membersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
