import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { UsersAdmin } from "@/components/users/users-admin";
import { isAdminRole } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export const metadata: Metadata = { title: "Usuarios" };

export default async function UsuariosPage() {
  const { user, tenant } = await requireTenant();
  const [t, members] = await Promise.all([getTranslations(), (await serverCaller()).members.list()]);
  return (
    <>
      <PageHeader title={t("nav.usuarios")} description={t("sections.usuarios")} />
      <UsersAdmin role={tenant.role} currentUserId={user.id} canManage={isAdminRole(tenant.role)} initialMembers={members} tenantName={tenant.name} />
    </>
  );
}
