/** Set by global-setup (unique per run, so parallel runs on one server never collide). */
export function templateDbName(): string {
  const name = process.env.CONTAFLOW_TEMPLATE_DB;
  if (!name) throw new Error("CONTAFLOW_TEMPLATE_DB is not set: run tests through vitest (global-setup)");
  return name;
}

export function pgliteDumpPath(): string {
  return `${templateDbName()}.tar`;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
