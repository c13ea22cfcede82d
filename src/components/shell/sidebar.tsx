"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { isAdminRole, type RoleName } from "@/lib/roles";
import { useTRPC } from "@/trpc/client";
import { NAV_GROUPS, NAV_ITEMS, type NavKey } from "./nav-items";
import { ReviewBadge } from "./review-badge";

/** The menu, grouped (Trabajo / Administración / Desarrolladores); a role sees only what it can use. */
export function Sidebar({ role, onNavigate }: { role: RoleName; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const visible = NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(role));
  // The deepest matching entry is the current one (/ia-config/sugerencias is not also "IA").
  const current = NAV_ITEMS.filter(({ href }) => pathname === href || pathname.startsWith(`${href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.key;
  return (
    <nav aria-label={t("menu")} className="flex flex-col gap-4 p-3">
      {NAV_GROUPS.map((group) => {
        const items = visible.filter((i) => i.group === group);
        if (items.length === 0) return null;
        return (
          <div key={group} role="group" aria-labelledby={`nav-group-${group}`} className="flex flex-col gap-1" data-nav-group={group}>
            <p id={`nav-group-${group}`} className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t(`groups.${group}`)}
            </p>
            {items.map(({ key, href, icon: Icon }) => {
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
                  <ItemBadge item={key} role={role} />
                </Link>
              );
            })}
          </div>
        );
      })}
    </nav>
  );
}

function ItemBadge({ item, role }: { item: NavKey; role: RoleName }) {
  if (item === "parse") return <ReviewBadge />;
  if (item === "webhooks" && isAdminRole(role)) return <AttentionBadge />;
  return null;
}

/** Webhook endpoints disabled or failing (hidden at zero). */
function AttentionBadge() {
  const t = useTranslations("nav");
  const trpc = useTRPC();
  const attention = useQuery(trpc.onboarding.attention.queryOptions(undefined, { refetchInterval: 60_000 }));
  const count = attention.data?.webhooks;
  if (!count) return null;
  return (
    <span className="ml-auto rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold tabular-nums text-red-800" data-testid="webhooks-badge">
      <span aria-hidden>{count}</span>
      <span className="sr-only">{t("webhooksFailing", { count })}</span>
    </span>
  );
}
