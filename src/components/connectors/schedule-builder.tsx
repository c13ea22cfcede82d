"use client";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { cronOfShape, MINUTE_STEPS, parseCronShape, type CronShape } from "@/lib/connectors/describe-cron";

type Mode = "none" | CronShape["kind"] | "advanced";
const DAYS = [1, 2, 3, 4, 5, 6, 0] as const;

function defaults(kind: CronShape["kind"], from: CronShape | null): CronShape {
  const hour = from && from.kind !== "minutes" ? from.hour : 8;
  const minute = from && from.kind !== "minutes" ? from.minute : 0;
  if (kind === "minutes") return { kind, every: 15 };
  if (kind === "daily") return { kind, hour, minute };
  if (kind === "weekly") return { kind, days: [1, 2, 3, 4, 5], hour, minute };
  return { kind, day: 1, hour, minute };
}

/** The cron builder: common schedules without cron; the raw expression (`advanced`) stays available. */
export function ScheduleBuilder({ value, onChange, label, advanced }: { value: string; onChange: (cron: string) => void; label: string; advanced: ReactNode }) {
  const t = useTranslations("connectors.scheduleBuilder");
  const id = useId();
  const shape = parseCronShape(value);
  const [mode, setMode] = useState<Mode>(() => (!value.trim() ? "none" : (shape?.kind ?? "advanced")));
  const current = shape && mode === shape.kind ? shape : null;
  const set = (s: CronShape) => onChange(cronOfShape(s));
  const pickMode = (m: Mode) => {
    setMode(m);
    if (m === "none") onChange("");
    else if (m !== "advanced") set(defaults(m, shape));
  };
  const time = current && current.kind !== "minutes" ? `${String(current.hour).padStart(2, "0")}:${String(current.minute).padStart(2, "0")}` : "08:00";
  const setTime = (text: string) => {
    const m = /^(\d{2}):(\d{2})$/.exec(text);
    if (m && current && current.kind !== "minutes") set({ ...current, hour: Number(m[1]), minute: Number(m[2]) });
  };
  const control = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
        <select id={id} className={control} value={mode} onChange={(e) => pickMode(e.target.value as Mode)}>
          {(["none", "minutes", "daily", "weekly", "monthly", "advanced"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`mode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      {current?.kind === "minutes" && (
        <label className="flex items-center gap-2 text-sm">
          {t("every")}
          <select aria-label={t("everyLabel", { label })} className={control} value={current.every} onChange={(e) => set({ kind: "minutes", every: Number(e.target.value) })}>
            {MINUTE_STEPS.map((n) => (
              <option key={n} value={n}>
                {t("minutes", { n })}
              </option>
            ))}
          </select>
        </label>
      )}
      {current?.kind === "weekly" && (
        <fieldset className="flex flex-wrap gap-3 text-sm">
          <legend className="sr-only">{t("daysLabel", { label })}</legend>
          {DAYS.map((d) => (
            <label key={d} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={current.days.includes(d)}
                onChange={(e) => {
                  const days = e.target.checked ? [...current.days, d] : current.days.filter((x) => x !== d);
                  if (days.length > 0) set({ ...current, days });
                }}
              />
              {t(`day.${d}`)}
            </label>
          ))}
        </fieldset>
      )}
      {current?.kind === "monthly" && (
        <label className="flex items-center gap-2 text-sm">
          {t("dayOfMonth")}
          <select aria-label={t("dayOfMonthLabel", { label })} className={control} value={current.day} onChange={(e) => set({ ...current, day: Number(e.target.value) })}>
            {Array.from({ length: 28 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      {current && current.kind !== "minutes" && (
        <label className="flex items-center gap-2 text-sm">
          {t("at")}
          <input type="time" aria-label={t("timeLabel", { label })} className={control} value={time} onChange={(e) => setTime(e.target.value)} />
        </label>
      )}
      {mode === "advanced" && advanced}
    </div>
  );
}
