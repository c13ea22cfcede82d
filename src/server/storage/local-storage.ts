import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { assertValidKey, missingObject } from "./keys";
import type { FileStorage } from "./storage";

/** Files under `<dataDir>/files/<key>`; writes go to a temporary name first, then rename. */
export class LocalStorage implements FileStorage {
  readonly kind = "local" as const;
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(/*turbopackIgnore: true*/ dataDir, "files");
  }

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw missingObject(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
