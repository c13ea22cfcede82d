/**
 * Instants and calendar dates. Instants are always written in an explicit zone (the organization's),
 * never the machine's or the browser's; calendar dates (an invoice's `fecha`, "2026-03-05") have no zone.
 */
import { DEFAULT_TIME_ZONE } from "./time-zone";

export type DateStyle = { locale?: string; timeZone?: string };

/** "05/03/2026 14:07" (es-AR) or "03/05/2026, 14:07" (en): the short form used in lists. */
export function formatDateTime(at: Date | string, { locale = "es-AR", timeZone = DEFAULT_TIME_ZONE }: DateStyle = {}): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(new Date(at));
}

/** The day an instant falls on in the zone: "5 de marzo de 2026" / "March 5, 2026". */
export function formatLongDate(at: Date | string, { locale = "es-AR", timeZone = DEFAULT_TIME_ZONE }: DateStyle = {}): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "long" }).format(new Date(at));
}

/** A calendar date "2026-03-05" as "05/03/2026" (es-AR) or "03/05/2026" (en); no zone applies. */
export function formatDay(iso: string | null | undefined, locale = "es-AR"): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso || "—";
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(Date.UTC(y, m - 1, d));
}

/**
 * An instant written so nobody can misread it: date, 24-hour time with seconds, the UTC offset
 * and the IANA zone — "06/12/2026 19:24:04 GMT-03:00 (America/Argentina/Buenos_Aires)".
 */
export function formatInstant(at: Date | string, timeZone: string = DEFAULT_TIME_ZONE, locale = "es-AR"): string {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = locale.startsWith("en") ? `${part("month")}/${part("day")}/${part("year")}` : `${part("day")}/${part("month")}/${part("year")}`;
  return `${date} ${part("hour")}:${part("minute")}:${part("second")} ${part("timeZoneName")} (${timeZone})`;
}

/**
 * The zone's wall-clock time as a Date whose UTC fields read it ("14:07 in Tokyo" → 14:07Z): for
 * formats without zones, like Excel cells.
 */
export function wallClock(at: Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"), at.getUTCMilliseconds()));
}

/** A schedule's next run: "lun., 08/12/2026 08:00" / "Mon, 12/08/2026, 08:00". */
export function formatRun(at: Date, { locale = "es-AR", timeZone = DEFAULT_TIME_ZONE }: DateStyle = {}): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
}

/** An instant as `formatInstant` writes it in es-AR: "06/12/2026 19:24:04 GMT-03:00 (America/Argentina/Buenos_Aires)". */
const ES_AR_INSTANT = /\b(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d:\d\d GMT(?:[+-]\d\d:\d\d)? \([A-Za-z0-9_+\-/]+\))/g;

/**
 * Stored server texts (notices, an endpoint's disabled reason) carry instants written once, in
 * es-AR order (DD/MM/YYYY); for an English reader they are rewritten in the order `formatInstant`
 * uses for English (MM/DD/YYYY), so "03/11/2026" is never read as the 11th of March.
 */
export function localizeInstants(text: string, locale: string): string {
  return locale.startsWith("en") ? text.replace(ES_AR_INSTANT, "$2/$1/$3 $4") : text;
}

/** "YYYY-MM-DDTHH:mm", the value of a datetime-local input, read on the zone's wall clock. */
export function wallClockInput(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return wallClock(at, timeZone).toISOString().slice(0, 16);
}

/**
 * The instant a datetime-local value ("2026-12-06T07:06") names on the zone's wall clock — the
 * organization's, not the browser's. Null for an empty or malformed value.
 */
export function instantFromWallClock(value: string, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // The zone's offset at that moment, found in two passes so a value next to a DST change lands right.
  const offset = (t: number) => wallClock(new Date(t), timeZone).getTime() - t;
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}
