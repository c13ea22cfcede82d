/**
 * A private PostgreSQL server for fault tests that stop and restart the database (the machine's
 * shared server must never be touched). Needs the PostgreSQL 15 binaries: without them the test
 * fails loudly rather than skipping. Runs as the `postgres` user when the test runs as root.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

const BIN = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

export type OwnPostgres = { url: string; port: number; start: () => void; stop: (mode?: "fast" | "immediate") => void; /** Stops the server and deletes its files. */ destroy: () => void };

function asPostgres(cmd: string, args: string[]) {
  const root = userInfo().uid === 0;
  const r = spawnSync(root ? "runuser" : cmd, root ? ["-u", "postgres", "--", cmd, ...args] : args, { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export function createOwnPostgres(port: number): OwnPostgres {
  for (const b of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(join(BIN, b))) throw new Error(`PostgreSQL binary ${join(BIN, b)} is missing: install postgresql-15 (or set POSTGRES_BIN_DIR) to run the fault tests`);
  }
  const dir = mkdtempSync(join(tmpdir(), "contaflow-own-pg-"));
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  asPostgres(join(BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const ctl = (args: string[]) => asPostgres(join(BIN, "pg_ctl"), ["-D", data, ...args]);
  const start = () => void ctl(["-o", `-p ${port} -k /tmp -c fsync=off -c max_connections=60`, "-l", join(dir, "log"), "-w", "start"]);
  const stop = (mode: "fast" | "immediate" = "fast") => void ctl(["-m", mode, "-w", "stop"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        stop("immediate");
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
