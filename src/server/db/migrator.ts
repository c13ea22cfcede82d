/**
 * Prisma Migrate without engine binaries: drives @prisma/schema-engine-wasm through a
 * driver adapter. Used by scripts/db.ts (CLI), the embedded start-up and the test harness.
 * The SQL and the `_prisma_migrations` table are Prisma Migrate's own format.
 */
import { createRequire } from "node:module";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PGlite } from "@electric-sql/pglite";
import type * as EngineRuntime from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
export const ROOT = resolve(process.env.CONTAFLOW_ROOT ?? process.cwd());
export const MIGRATIONS_DIR = join(ROOT, "prisma", "migrations");
export const SCHEMA_DIR = join(ROOT, "prisma", "schema");
const filters = { externalTables: [], externalEnums: [] };

type Runtime = typeof EngineRuntime;
type Engine = Awaited<ReturnType<Runtime["SchemaEngine"]["new"]>>;
let runtimePromise: Promise<Runtime> | undefined;

function loadRuntime(): Promise<Runtime> {
  runtimePromise ??= (async () => {
    const runtime: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = join(dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const instance = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (runtime as unknown as { __wbg_set_wasm: (e: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return runtime;
  })();
  return runtimePromise;
}

export async function withEngine<T>(factory: SqlMigrationAwareDriverAdapterFactory, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const runtime = await loadRuntime();
  const engine = await runtime.SchemaEngine.new({ datamodels: undefined } as never, () => {}, bindMigrationAwareSqlAdapterFactory(factory) as never);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export async function schemaFiles() {
  const names = (await readdir(SCHEMA_DIR)).filter((n) => n.endsWith(".prisma")).sort();
  return Promise.all(names.map(async (n) => ({ path: join(SCHEMA_DIR, n), content: await readFile(join(SCHEMA_DIR, n), "utf8") })));
}

export async function migrationsList() {
  let dirs: string[] = [];
  try {
    dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    /* no migrations yet */
  }
  const lockPath = join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => ({
        path: d,
        migrationFile: { path: "migration.sql", content: { tag: "ok", value: await readFile(join(MIGRATIONS_DIR, d, "migration.sql"), "utf8") } },
      })),
    ),
  };
}

/** pglite-prisma-adapter 0.7.2 does not await executeScript, so failed migrations looked applied. */
export async function pgliteFactory(db: PGlite): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const factory = new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const onError = (adapter as unknown as { onError: (e: unknown) => never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await db.exec(script);
      } catch (e) {
        onError(e);
      }
    };
    return adapter;
  };
  return factory;
}

/** @prisma/adapter-pg cannot read the internal "char" type (OID 18) that introspection selects. */
export async function pgFactory(connectionString: string) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { default: pg } = await import("pg");
  type Fielded = { fields?: { dataTypeID: number }[] } | undefined;
  const fix = (res: Fielded) => {
    for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  const proto = pg.Client.prototype as unknown as { query: ((...a: unknown[]) => unknown) & { charFix?: boolean } };
  const query = proto.query;
  if (!query.charFix) {
    proto.query = Object.assign(
      function (this: unknown, ...args: unknown[]) {
        const cb = args.findIndex((x) => typeof x === "function");
        if (cb >= 0) {
          const orig = args[cb] as (err: unknown, res: Fielded) => void;
          args[cb] = (err: unknown, res: Fielded) => orig(err, err ? res : fix(res));
        }
        const r = query.apply(this, args);
        return r && typeof (r as Promise<Fielded>).then === "function" ? (r as Promise<Fielded>).then(fix) : r;
      },
      { charFix: true },
    );
  }
  const pool = new pg.Pool({ connectionString, max: 2 });
  // An idle connection the server dropped (a restart) emits "error" on the pool; unhandled, that
  // would crash the process. The next query simply opens a new connection.
  pool.on("error", () => undefined);
  return { factory: new PrismaPg(pool) as unknown as SqlMigrationAwareDriverAdapterFactory, close: () => pool.end() };
}

export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const list = await migrationsList();
  const result = await withEngine(factory, (engine) => engine.applyMigrations({ migrationsList: list, filters } as never));
  return (result as { appliedMigrationNames: string[] }).appliedMigrationNames;
}

export async function migrationStatus(factory: SqlMigrationAwareDriverAdapterFactory) {
  const list = await migrationsList();
  return withEngine(factory, (engine) => engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters } as never));
}

/** SQL that takes the database built by the committed migrations to the current schema, or null. */
export async function diffAgainstMigrations(): Promise<string | null> {
  const { PGlite } = await import("@electric-sql/pglite");
  const shadow = await PGlite.create();
  try {
    const list = await migrationsList();
    const files = await schemaFiles();
    return await withEngine(await pgliteFactory(shadow), async (engine) => {
      if (list.migrationDirectories.length) await engine.applyMigrations({ migrationsList: list, filters } as never);
      const res = (await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: SCHEMA_DIR },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters,
      } as never)) as { exitCode: number; stdout: string };
      return res.exitCode === 2 ? res.stdout : null;
    });
  } finally {
    await shadow.close();
  }
}
