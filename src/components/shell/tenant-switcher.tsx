"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { MyTenant } from "@/server/tenants/memberships";

/** Switching goes through /api/tenant/select, which checks membership and sets the cookie. */
export function TenantSwitcher({ tenant, tenants }: { tenant: MyTenant; tenants: MyTenant[] }) {
  const t = useTranslations("tenant");
  const pathname = usePathname();
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="tenant-switch" className="sr-only">
        {t("switch")}
      </label>
      <select
        id="tenant-switch"
        className="max-w-[12rem] truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:max-w-xs"
        value={tenant.tenantId}
        onChange={(e) => window.location.assign(`/api/tenant/select?tenantId=${encodeURIComponent(e.target.value)}&next=${encodeURIComponent(pathname)}`)}
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
