import { cn } from "@/components/ui/cn";

type Props = { label: string; used: number; limit: number; valueText: string; note?: string; atLimitText: string };

/** One limit's usage as an accessible progress bar (amber from 80 %, red at the limit). */
export function UsageMeter({ label, used, limit, valueText, note, atLimitText }: Props) {
  const ratio = limit > 0 ? Math.min(used / limit, 1) : 1;
  const reached = used >= limit;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className={cn("tabular-nums", reached ? "font-semibold text-red-700" : "text-slate-600")}>{valueText}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={valueText}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={cn("h-full rounded-full", reached ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-brand-600")} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
      {(note || reached) && <p className={cn("text-xs", reached ? "text-red-700" : "text-slate-500")}>{reached ? atLimitText : note}</p>}
    </div>
  );
}
