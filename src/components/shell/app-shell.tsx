"use client";
import { Menu, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { MyTenant } from "@/server/tenants/memberships";
import { setActiveTenant } from "@/trpc/client";
import { NoticesBar } from "./notices-bar";
import { Sidebar } from "./sidebar";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";
import { Button } from "@/components/ui/button";

type Props = { user: { name: string; email: string }; tenant: MyTenant; tenants: MyTenant[]; children: ReactNode };

export function AppShell({ user, tenant, tenants, children }: Props) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  setActiveTenant(tenant.tenantId);
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      <a href="#contenido" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("common.skip")}
      </a>
      <aside className={`${open ? "fixed inset-0 z-40 block bg-white" : "hidden"} border-r border-slate-200 bg-white lg:static lg:block`}>
        <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
          <span className="text-lg font-bold text-brand-700">{t("app.name")}</span>
          <Button unstyled className="lg:hidden" aria-label="Cerrar menú" onClick={() => setOpen(false)}>
            <X className="h-5 w-5" />
          </Button>
        </div>
        <Sidebar role={tenant.role} onNavigate={() => setOpen(false)} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4">
          <Button unstyled className="lg:hidden" aria-label="Abrir menú" aria-expanded={open} onClick={() => setOpen(true)}>
            <Menu className="h-5 w-5" />
          </Button>
          <TenantSwitcher tenant={tenant} tenants={tenants} />
          <div className="ml-auto">
            <UserMenu user={user} role={tenant.role} />
          </div>
        </header>
        <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 lg:px-8 has-[[data-wide-page]]:max-w-[100rem] lg:has-[[data-wide-page]]:px-4">
          <NoticesBar />
          {children}
        </main>
      </div>
    </div>
  );
}
