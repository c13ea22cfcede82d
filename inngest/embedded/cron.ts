import { Cron } from "croner";

/** Next fire time of an Inngest cron (`TZ=Zone ` / `CRON_TZ=Zone ` prefix, else UTC) after `after`. */
export function nextCronFire(cron: string, after: Date): Date | null {
  const [, tz, pattern] = /^(?:(?:CRON_)?TZ=(\S+)\s+)?(.*)$/.exec(cron.trim()) ?? [];
  return new Cron(pattern ?? cron, { timezone: tz ?? "UTC", paused: true }).nextRun(after);
}
