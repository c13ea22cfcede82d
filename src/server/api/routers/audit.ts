import { listAudit } from "@/server/audit/audit-log";
import { adminProcedure, createRouter } from "../trpc";

export const auditRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listAudit(ctx.scope)),
});
