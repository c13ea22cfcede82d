"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/movimientos", label: "movements" },
  { href: "/movimientos/proyecciones", label: "projections" },
  { href: "/movimientos/presupuestos", label: "budgets" },
] as const;

export function MovementsNav() {
  const t = useTranslations("movements.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mt-2 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {LINKS.map((l) => {
        const active = pathname === l.href;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn("whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {t(l.label)}
          </Link>
        );
      })}
    </nav>
  );
}
