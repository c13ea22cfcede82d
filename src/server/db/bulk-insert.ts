import type { Tx } from "./client";

/** SQL types a bulk row's fields are read as; columns left out take their defaults. */
export type ColumnType = "text" | "integer" | "jsonb";

/**
 * INSERT of many rows as ONE JSON parameter expanded by `jsonb_to_recordset`: a short statement
 * that is the same whatever the row count. Prisma's createMany builds (and plans) a statement
 * per row count, which on the webhook hot path cost ~0.2 ms of CPU per row; this costs a few
 * µs. Table and column names are our constants, never input; the values travel as data.
 */
export async function insertRows<Row extends Record<string, unknown>>(
  tx: Tx,
  table: string,
  columns: { [K in keyof Row & string]: ColumnType },
  rows: Row[],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns).map((c) => `"${c}"`);
  const record = Object.entries(columns).map(([c, type]) => `"${c}" ${type}`);
  const sql =
    `INSERT INTO "${table}" (${names.join(", ")}) SELECT ${names.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS x(${record.join(", ")})` +
    (options.onConflictDoNothing ? " ON CONFLICT DO NOTHING" : "");
  await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
}
