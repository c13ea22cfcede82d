/**
 * Cron schedules per connector and direction: five fields (minute hour day-of-month month
 * day-of-week, as Inngest's cron triggers take them), evaluated in the connector's time zone
 * (America/Argentina/Buenos_Aires by default). croner computes the next runs, cronstrue writes
 * the Spanish description. Runs closer than MIN_INTERVAL_MINUTES are refused: a schedule that
 * hammers an ERP every minute is a mistake more often than not.
 */
import "server-only";
import { Cron } from "croner";
import cronstrue from "cronstrue/i18n";
import { DEFAULT_SCHEDULE_TIMEZONE } from "@/lib/schemas/connectors";

export const MIN_INTERVAL_MINUTES = 5;

export type SchedulePreview =
  | { ok: true; cron: string; timezone: string; description: string; nextRuns: { at: Date; label: string }[]; inngestCron: string }
  | { ok: false; message: string };

function runLabel(at: Date, timezone: string) {
  return new Intl.DateTimeFormat("es-AR", { timeZone: timezone, weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false }).format(at);
}

function cronErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const invalid = /Invalid value for (\w[\w-]*)/i.exec(raw);
  const names: Record<string, string> = { minute: "minuto", hour: "hora", day: "día del mes", month: "mes", "day-of-week": "día de la semana", dayOfWeek: "día de la semana" };
  if (invalid) return `Valor inválido en el campo ${names[invalid[1]!] ?? invalid[1]} (${raw.replace(/^CronPattern:\s*/, "")})`;
  return `Expresión cron inválida: ${raw.replace(/^CronPattern:\s*/, "")}`;
}

/** Description and next runs of a cron expression, or why it is refused. */
export function previewSchedule(cronText: string, timezone = DEFAULT_SCHEDULE_TIMEZONE, count = 3, from = new Date()): SchedulePreview {
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
  let description: string;
  try {
    description = cronstrue.toString(cron, { locale: "es", use24HourTimeFormat: true, dayOfWeekStartIndexZero: true });
  } catch (e) {
    return { ok: false, message: cronErrorMessage(e) };
  }
  return {
    ok: true,
    cron,
    timezone,
    description,
    nextRuns: runs.slice(0, count).map((at) => ({ at, label: runLabel(at, timezone) })),
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
