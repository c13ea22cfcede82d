"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import type { RoleName } from "@/lib/roles";
import { useTRPC } from "@/trpc/client";
import { AuditLog } from "./audit-log";
import { InviteForm } from "./invite-form";
import { MembersList, type MemberView } from "./members-list";
import { PendingInvitations } from "./pending-invitations";
import { RenameTenantForm } from "./rename-tenant-form";
import { TimeZoneForm } from "./time-zone-form";

type Props = { role: RoleName; currentUserId: string; canManage: boolean; initialMembers: MemberView[]; tenantName: string };

/** /usuarios: everyone sees the members; admins also invite, change roles, remove and read the history. */
export function UsersAdmin({ role, currentUserId, canManage, initialMembers, tenantName }: Props) {
  const t = useTranslations("users");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions(undefined, { initialData: initialMembers }));
  const invitations = useQuery(trpc.invitations.list.queryOptions(undefined, { enabled: canManage }));
  const audit = useQuery(trpc.audit.list.queryOptions(undefined, { enabled: canManage }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() }),
    ]);

  return (
    <div className="flex flex-col gap-8">
      {canManage ? (
        <InviteForm seats={invitations.data?.seats} canInviteOwner={invitations.data?.canInviteOwner ?? role === "OWNER"} onInvited={() => void refresh()} />
      ) : (
        <Alert tone="info">{t("readOnly")}</Alert>
      )}
      {members.isError && <Alert>{members.error.message}</Alert>}
      <MembersList members={members.data ?? []} actorRole={role} currentUserId={currentUserId} canManage={canManage} onChanged={() => void refresh()} />
      {canManage && invitations.data && <PendingInvitations invitations={invitations.data.items} canInviteOwner={invitations.data.canInviteOwner} onChanged={() => void refresh()} />}
      {canManage && invitations.isError && <Alert>{invitations.error.message}</Alert>}
      {canManage && <RenameTenantForm currentName={tenantName} onRenamed={() => void refresh()} />}
      {canManage && <TimeZoneForm />}
      {canManage && audit.data && <AuditLog entries={audit.data} />}
    </div>
  );
}
