/** When this process started: what a starting process recovers was left before it. */
export function processStartedAt(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}
