import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireTenant } from "@/server/auth/guards";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, tenant, tenants } = await requireTenant();
  return (
    <AppShell user={{ name: user.name, email: user.email }} tenant={tenant} tenants={tenants}>
      {children}
    </AppShell>
  );
}
