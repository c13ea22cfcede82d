import { changeRoleInput, idInput } from "@/lib/schemas/tenant";
import { changeMemberRole, listMembers, removeMember } from "@/server/tenants/members";
import { adminProcedure, createRouter, tenantProcedure } from "../trpc";

export const membersRouter = createRouter({
  list: tenantProcedure.query(({ ctx }) => listMembers(ctx.scope)),
  changeRole: adminProcedure.input(changeRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.scope, input.membershipId, input.role)),
  remove: adminProcedure.input(idInput).mutation(({ ctx, input }) => removeMember(ctx.scope, input.id)),
});
