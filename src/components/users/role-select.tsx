"use client";
import { useTranslations } from "next-intl";
import type { SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";
import { ROLES, type RoleName } from "@/lib/roles";

type Props = SelectHTMLAttributes<HTMLSelectElement> & { allowOwner: boolean; invalid?: boolean };

/** Roles in order; OWNER is offered only to OWNERs (the server enforces it too). */
export function RoleSelect({ allowOwner, invalid, className, ...select }: Props) {
  const t = useTranslations("roles");
  const roles: readonly RoleName[] = allowOwner ? ROLES : ROLES.filter((r) => r !== "OWNER");
  return (
    <select
      className={cn("rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500", invalid ? "border-red-500" : "border-slate-300", className)}
      aria-invalid={invalid ? true : undefined}
      {...select}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {t(role)}
        </option>
      ))}
    </select>
  );
}
