/**
 * Human schedules: the cron builder's shapes (every N minutes, daily, weekly, monthly) ↔ a
 * five-field cron, and the description shown everywhere («todos los días a las 8:00»). Shapes the
 * builder knows get our own sentence; any other cron is described by cronstrue. Client-safe (no
 * server imports); the server's schedule.ts validates and computes the next runs.
 */
import cronstrue from "cronstrue/i18n";

export type CronShape =
  | { kind: "minutes"; every: number }
  | { kind: "daily"; hour: number; minute: number }
  | { kind: "weekly"; days: number[]; hour: number; minute: number }
  | { kind: "monthly"; day: number; hour: number; minute: number };

export const MINUTE_STEPS = [5, 10, 15, 20, 30] as const;

const int = (s: string, min: number, max: number) => (/^\d{1,2}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null);

function days(field: string): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (a > b || b > 6) return null;
      for (let d = a; d <= b; d++) out.add(d);
    } else {
      const d = int(part, 0, 7);
      if (d === null) return null;
      out.add(d % 7);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The builder shape of a cron, or null when only the advanced (raw cron) mode can show it. */
export function parseCronShape(cron: string): CronShape | null {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return null;
  const [mi, ho, dom, mon, dow] = f as [string, string, string, string, string];
  const step = /^\*\/(\d{1,2})$/.exec(mi);
  if (step && ho === "*" && dom === "*" && mon === "*" && dow === "*" && (MINUTE_STEPS as readonly number[]).includes(Number(step[1]))) return { kind: "minutes", every: Number(step[1]) };
  const minute = int(mi, 0, 59);
  const hour = int(ho, 0, 23);
  if (minute === null || hour === null || mon !== "*") return null;
  if (dom === "*" && dow === "*") return { kind: "daily", hour, minute };
  if (dom === "*") {
    const d = days(dow);
    return d && d.length > 0 ? { kind: "weekly", days: d, hour, minute } : null;
  }
  const day = int(dom, 1, 28);
  return day !== null && dow === "*" ? { kind: "monthly", day, hour, minute } : null;
}

/** Five-field cron of a builder shape. */
export function cronOfShape(s: CronShape): string {
  switch (s.kind) {
    case "minutes":
      return `*/${s.every} * * * *`;
    case "daily":
      return `${s.minute} ${s.hour} * * *`;
    case "weekly":
      return `${s.minute} ${s.hour} * * ${compactDays(s.days)}`;
    case "monthly":
      return `${s.minute} ${s.hour} ${s.day} * *`;
  }
}

function compactDays(d: number[]): string {
  const sorted = [...new Set(d)].sort((a, b) => a - b);
  const contiguous = sorted.length > 2 && sorted.every((v, i) => i === 0 || v === sorted[i - 1]! + 1);
  return contiguous ? `${sorted[0]}-${sorted.at(-1)}` : sorted.join(",");
}

const WORDS = {
  es: {
    days: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    minutes: (n: number) => `cada ${n} minutos`,
    daily: (t: string) => `todos los días a las ${t}`,
    weekdays: (t: string) => `de lunes a viernes a las ${t}`,
    weekly: (d: string, t: string) => `cada ${d} a las ${t}`,
    monthly: (day: number, t: string) => `el día ${day} de cada mes a las ${t}`,
    and: " y ",
  },
  en: {
    days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    minutes: (n: number) => `every ${n} minutes`,
    daily: (t: string) => `every day at ${t}`,
    weekdays: (t: string) => `Monday to Friday at ${t}`,
    weekly: (d: string, t: string) => `every ${d} at ${t}`,
    monthly: (day: number, t: string) => `on day ${day} of every month at ${t}`,
    and: " and ",
  },
};

function list(items: string[], and: string) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")}${and}${items.at(-1)}`;
}

/** «todos los días a las 8:00»; null when the cron cannot be read (the raw cron is then shown). */
export function describeCron(cron: string, locale: string): string | null {
  const text = cron.trim().replace(/\s+/g, " ");
  if (!text) return null;
  const lang = locale.startsWith("es") ? "es" : "en";
  const w = WORDS[lang];
  const shape = parseCronShape(text);
  if (shape) {
    const time = shape.kind === "minutes" ? "" : `${shape.hour}:${String(shape.minute).padStart(2, "0")}`;
    const sentence =
      shape.kind === "minutes"
        ? w.minutes(shape.every)
        : shape.kind === "daily"
          ? w.daily(time)
          : shape.kind === "monthly"
            ? w.monthly(shape.day, time)
            : shape.days.join() === "1,2,3,4,5"
              ? w.weekdays(time)
              : w.weekly(list(shape.days.map((d) => w.days[d]!), w.and), time);
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }
  try {
    return cronstrue.toString(text, { locale: lang, use24HourTimeFormat: true, dayOfWeekStartIndexZero: true });
  } catch {
    return null;
  }
}
