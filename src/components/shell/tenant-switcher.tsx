"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { MyTenant } from "@/server/tenants/memberships";
import { useTRPC } from "@/trpc/client";

/** Switching sets the active-tenant cookie server-side (after a membership check), then re-renders. */
export function TenantSwitcher({ tenant, tenants }: { tenant: MyTenant; tenants: MyTenant[] }) {
  const t = useTranslations("tenant");
  const trpc = useTRPC();
  const router = useRouter();
  const switchTenant = useMutation(trpc.tenant.switch.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="tenant-switch" className="sr-only">
        {t("switch")}
      </label>
      <select
        id="tenant-switch"
        className="w-full min-w-0 max-w-[12rem] truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:max-w-xs"
        value={tenant.tenantId}
        disabled={switchTenant.isPending}
        onChange={(e) => switchTenant.mutate({ tenantId: e.target.value })}
      >
        {tenants.map((option) => (
          <option key={option.tenantId} value={option.tenantId}>
            {option.name}
          </option>
        ))}
      </select>
      <Link href="/organizaciones/nueva" className="hidden text-sm text-brand-700 hover:underline sm:inline">
        + {t("new")}
      </Link>
    </div>
  );
}
