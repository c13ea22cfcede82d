import { idInput } from "@/lib/schemas/tenant";
import { invitationTokenInput, inviteInput } from "@/lib/schemas/invitations";
import { acceptInvitation, previewInvitation } from "@/server/invitations/accept-invitation";
import { inviteMember, listInvitations, resendInvitation, revokeInvitation } from "@/server/invitations/manage-invitations";
import { activeTenantCookie } from "@/server/tenants/active-tenant-cookie";
import { adminProcedure, authedProcedure, createRouter, publicProcedure } from "../trpc";

export const invitationsRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listInvitations(ctx.scope)),
  create: adminProcedure.input(inviteInput).mutation(({ ctx, input }) => inviteMember(ctx.scope, input, ctx.locale)),
  resend: adminProcedure.input(idInput).mutation(({ ctx, input }) => resendInvitation(ctx.scope, input.id, ctx.locale)),
  revoke: adminProcedure.input(idInput).mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input.id)),
  /** The link's landing page: whoever holds the token may see whom it invites, and where. */
  preview: publicProcedure.input(invitationTokenInput).query(({ input }) => previewInvitation(input.token)),
  /** Joins the signed-in user (whose e-mail must match) and makes that tenant the active one. */
  accept: authedProcedure.input(invitationTokenInput).mutation(async ({ ctx, input }) => {
    const joined = await acceptInvitation(ctx.user, input.token);
    ctx.resHeaders.append("set-cookie", activeTenantCookie(joined.tenantId));
    return joined;
  }),
});
