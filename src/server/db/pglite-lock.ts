/**
 * PGlite has no inter-process lock: two processes on one data folder silently lose writes.
 * We keep our own lock file holding the owner's pid; a live owner makes a second opener fail fast.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

export class DataFolderLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`La carpeta de datos ${dir} ya está abierta por otro proceso (pid ${pid}). Detené ese proceso o usá otra carpeta (PGLITE_DIR).`);
    this.name = "DataFolderLockedError";
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock for `dir` (creating parent folders); returns a release function. */
export function lockDataFolder(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockPath, "utf8") === String(process.pid)) rmSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataFolderLockedError(dir, owner);
      rmSync(lockPath, { force: true }); // stale lock from a dead process
    }
  }
  throw new Error(`No se pudo tomar el lock de ${dir}`);
}
