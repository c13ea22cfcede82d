/**
 * Cron schedules per connector and direction: five fields (minute hour day-of-month month
 * day-of-week, as Inngest's cron triggers take them), evaluated in the connector's time zone
 * (America/Argentina/Buenos_Aires by default). croner computes the next runs, describeCron
 * (src/lib/connectors) writes the Spanish description. Runs closer than MIN_INTERVAL_MINUTES are refused: a schedule that
 * hammers an ERP every minute is a mistake more often than not.
 */
import "server-only";
import { Cron } from "croner";
import { describeCron } from "@/lib/connectors/describe-cron";
import { formatRun } from "@/lib/format";
import { DEFAULT_SCHEDULE_TIMEZONE } from "@/lib/schemas/connectors";

export const MIN_INTERVAL_MINUTES = 5;

export type SchedulePreview =
  | { ok: true; cron: string; timezone: string; description: string; nextRuns: { at: Date; label: string }[]; inngestCron: string }
  | { ok: false; message: string };

/** How next runs are written: the reader's locale and the organization's zone (by default the schedule's own zone, es-AR). */
export type RunDisplay = { locale?: string; timeZone?: string };

function cronErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const invalid = /Invalid value for (\w[\w-]*)/i.exec(raw);
  const names: Record<string, string> = { minute: "minuto", hour: "hora", day: "día del mes", month: "mes", "day-of-week": "día de la semana", dayOfWeek: "día de la semana" };
  if (invalid) return `Valor inválido en el campo ${names[invalid[1]!] ?? invalid[1]} (${raw.replace(/^CronPattern:\s*/, "")})`;
  return `Expresión cron inválida: ${raw.replace(/^CronPattern:\s*/, "")}`;
}

/** Description and next runs of a cron expression (fired in `timezone`, shown as `display` says), or why it is refused. */
export function previewSchedule(cronText: string, timezone = DEFAULT_SCHEDULE_TIMEZONE, count = 3, from = new Date(), display: RunDisplay = {}): SchedulePreview {
  const cron = cronText.trim().replace(/\s+/g, " ");
  if (!cron) return { ok: false, message: "Ingresá una expresión cron" };
  if (cron.split(" ").length !== 5) return { ok: false, message: "Usá 5 campos: minuto hora día-del-mes mes día-de-la-semana (ej.: 0 8 * * 1-5)" };
  let job: Cron;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    return { ok: false, message: `Zona horaria desconocida: ${timezone}` };
  }
  try {
    job = new Cron(cron, { timezone, paused: true, mode: "5-part" });
  } catch (e) {
    return { ok: false, message: cronErrorMessage(e) };
  }
  const runs = job.nextRuns(Math.max(count, 6), from);
  if (runs.length === 0) return { ok: false, message: "La expresión no tiene próximas ejecuciones" };
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MINUTES * 60_000) {
      return { ok: false, message: `Las ejecuciones tienen que estar separadas por al menos ${MIN_INTERVAL_MINUTES} minutos` };
    }
  }
  const locale = display.locale ?? "es-AR";
  const description = describeCron(cron, locale) ?? cron;
  return {
    ok: true,
    cron,
    timezone,
    description,
    nextRuns: runs.slice(0, count).map((at) => ({ at, label: formatRun(at, { locale, timeZone: display.timeZone ?? timezone }) })),
    inngestCron: inngestCron(cron, timezone),
  };
}

/** The trigger an Inngest cron function takes: `TZ=America/Argentina/Buenos_Aires 0 8 * * 1-5`. */
export function inngestCron(cron: string, timezone = DEFAULT_SCHEDULE_TIMEZONE) {
  return `TZ=${timezone} ${cron.trim().replace(/\s+/g, " ")}`;
}

/** Save-time check: null when valid (or empty: not scheduled), else the es-AR reason. */
export function scheduleIssue(cron: string, timezone: string): string | null {
  if (!cron.trim()) return null;
  const preview = previewSchedule(cron, timezone, 1);
  return preview.ok ? null : preview.message;
}
