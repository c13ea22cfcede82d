import { idInput } from "@/lib/schemas/tenant";
import { dismissNotification, listNotifications } from "@/server/notifications/notifications";
import { createRouter, tenantProcedure } from "../trpc";

export const notificationsRouter = createRouter({
  list: tenantProcedure.query(({ ctx }) => listNotifications(ctx.scope, ctx.locale)),
  dismiss: tenantProcedure.input(idInput).mutation(({ ctx, input }) => dismissNotification(ctx.scope, input.id)),
});
