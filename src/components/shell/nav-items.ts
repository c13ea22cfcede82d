import {
  Activity,
  ArrowLeftRight,
  BookOpen,
  BookUser,
  Building2,
  CreditCard,
  FileCheck2,
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
import { ADMIN_ROLES, WRITER_ROLES, type RoleName } from "@/lib/roles";

export type NavKey = "panel" | "parse" | "clientes" | "libroIva" | "misComprobantes" | "proveedores" | "exportar" | "conectores" | "sync" | "webhooks" | "n8n" | "movimientos" | "sugerencias" | "api" | "ia" | "usuarios" | "planes" | "ejecuciones";
export type NavGroup = "work" | "admin" | "dev";
export type NavItem = { key: NavKey; href: string; icon: LucideIcon; group: NavGroup; roles?: readonly RoleName[] };

/** Sidebar sections, in order: daily work, running the organization, developer tools. */
export const NAV_GROUPS: NavGroup[] = ["work", "admin", "dev"];

/** Every section of the product, in sidebar order within its group. `roles`: who sees it in the menu (who can use it). */
export const NAV_ITEMS: NavItem[] = [
  { key: "panel", href: "/panel", icon: LayoutDashboard, group: "work" },
  { key: "parse", href: "/parse", icon: FileText, group: "work" },
  { key: "clientes", href: "/clientes", icon: Building2, group: "work" },
  { key: "libroIva", href: "/libro-iva", icon: BookOpen, group: "work" },
  { key: "misComprobantes", href: "/mis-comprobantes", icon: FileCheck2, group: "work", roles: WRITER_ROLES },
  { key: "proveedores", href: "/proveedores", icon: BookUser, group: "work" },
  { key: "exportar", href: "/exportar", icon: Send, group: "work" },
  { key: "movimientos", href: "/movimientos", icon: ArrowLeftRight, group: "work" },
  { key: "sugerencias", href: "/ia-config/sugerencias", icon: Lightbulb, group: "work" },
  { key: "usuarios", href: "/usuarios", icon: Users, group: "admin", roles: ADMIN_ROLES },
  { key: "conectores", href: "/conectores", icon: Plug, group: "admin", roles: ADMIN_ROLES },
  { key: "sync", href: "/sync-admin", icon: RefreshCw, group: "admin", roles: ADMIN_ROLES },
  { key: "ia", href: "/ia-config", icon: Sparkles, group: "admin", roles: ADMIN_ROLES },
  { key: "planes", href: "/planes", icon: CreditCard, group: "admin", roles: ADMIN_ROLES },
  { key: "webhooks", href: "/webhooks", icon: Webhook, group: "dev", roles: ADMIN_ROLES },
  { key: "n8n", href: "/integraciones/n8n", icon: Workflow, group: "dev", roles: ADMIN_ROLES },
  { key: "api", href: "/api-clients", icon: KeyRound, group: "dev", roles: ADMIN_ROLES },
  { key: "ejecuciones", href: "/ejecuciones", icon: Activity, group: "dev", roles: ADMIN_ROLES },
];
