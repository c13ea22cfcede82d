"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { RoleName } from "@/lib/roles";
import { NAV_ITEMS } from "./nav-items";
import { ReviewBadge } from "./review-badge";

export function Sidebar({ role, onNavigate }: { role: RoleName; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const visible = NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(role));
  // The deepest matching entry is the current one (/ia-config/sugerencias is not also "IA").
  const current = NAV_ITEMS.filter(({ href }) => pathname === href || pathname.startsWith(`${href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.key;
  return (
    <nav aria-label={t("menu")} className="flex flex-col gap-1 p-3">
      {visible.map(({ key, href, icon: Icon }) => {
        const active = key === current;
        return (
          <Link
            key={key}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            <Icon aria-hidden className="h-4 w-4" />
            {t(key)}
            {key === "parse" && <ReviewBadge />}
          </Link>
        );
      })}
    </nav>
  );
}
