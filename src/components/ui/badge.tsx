import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = { green: "bg-green-50 text-green-800 ring-green-600/20", red: "bg-red-50 text-red-800 ring-red-600/20", slate: "bg-slate-100 text-slate-700 ring-slate-500/20", amber: "bg-amber-50 text-amber-800 ring-amber-600/20", blue: "bg-sky-50 text-sky-800 ring-sky-600/20" };

export function Badge({ tone = "slate", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone])}>{children}</span>;
}
