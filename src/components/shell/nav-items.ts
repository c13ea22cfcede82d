import {
  Activity,
  ArrowLeftRight,
  BookUser,
  CreditCard,
  FileText,
  KeyRound,
  LayoutDashboard,
  Lightbulb,
  Plug,
  RefreshCw,
  Send,
  Sparkles,
  Users,
  Webhook,
  Workflow,
  type LucideIcon,
} from "lucide-react";
import { ADMIN_ROLES, type RoleName } from "@/lib/roles";

export type NavKey = "panel" | "parse" | "proveedores" | "exportar" | "conectores" | "sync" | "webhooks" | "n8n" | "movimientos" | "sugerencias" | "api" | "ia" | "usuarios" | "planes" | "ejecuciones";
export type NavItem = { key: NavKey; href: string; icon: LucideIcon; roles?: readonly RoleName[] };

/** Every section of the product, in sidebar order. `roles` limits who may open it. */
export const NAV_ITEMS: NavItem[] = [
  { key: "panel", href: "/panel", icon: LayoutDashboard },
  { key: "parse", href: "/parse", icon: FileText },
  { key: "proveedores", href: "/proveedores", icon: BookUser },
  { key: "exportar", href: "/exportar", icon: Send },
  { key: "movimientos", href: "/movimientos", icon: ArrowLeftRight },
  { key: "sugerencias", href: "/ia-config/sugerencias", icon: Lightbulb },
  { key: "conectores", href: "/conectores", icon: Plug, roles: ADMIN_ROLES },
  { key: "sync", href: "/sync-admin", icon: RefreshCw, roles: ADMIN_ROLES },
  { key: "webhooks", href: "/webhooks", icon: Webhook, roles: ADMIN_ROLES },
  { key: "n8n", href: "/integraciones/n8n", icon: Workflow, roles: ADMIN_ROLES },
  { key: "api", href: "/api-clients", icon: KeyRound, roles: ADMIN_ROLES },
  { key: "ia", href: "/ia-config", icon: Sparkles, roles: ADMIN_ROLES },
  { key: "usuarios", href: "/usuarios", icon: Users },
  { key: "planes", href: "/planes", icon: CreditCard, roles: ADMIN_ROLES },
  { key: "ejecuciones", href: "/ejecuciones", icon: Activity, roles: ADMIN_ROLES },
];

export function navItem(key: NavKey): NavItem {
  return NAV_ITEMS.find((i) => i.key === key)!;
}
