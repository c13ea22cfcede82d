import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What a section will hold, before it holds anything. Never fake data. */
export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <Icon aria-hidden className="mb-4 h-10 w-10 text-brand-600" />
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 max-w-xl text-sm text-slate-600">{children}</div>
    </div>
  );
}
