"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/movimientos", label: "Movimientos" },
  { href: "/movimientos/proyecciones", label: "Proyecciones" },
  { href: "/movimientos/presupuestos", label: "Presupuestos y alertas" },
];

export function MovementsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Secciones de movimientos" className="-mt-2 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {LINKS.map((l) => {
        const active = pathname === l.href;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn("whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
