/** The four pagination styles: which request comes next, from the checkpoint and the last answer. */
import "server-only";
import type { ApiConnector } from "@/generated/prisma/client";
import type { ConnectorRequest, ConnectorResponse } from "@/server/connectors/http-client";
import { evaluateExpression, type Bindings } from "@/server/connectors/mapping";

export type Checkpoint = { pageIndex: number; page: number; offset: number; cursor: string | null; url: string | null; done: boolean };
export const FIRST_CHECKPOINT: Checkpoint = { pageIndex: 0, page: 1, offset: 0, cursor: null, url: null, done: false };
export const MAX_PAGES = 10_000;

type PullConfig = Pick<ApiConnector, "pullPath" | "pullPagination" | "pullPageSize" | "pullPageParam" | "pullSizeParam" | "pullCursorPath"> &
  Partial<Pick<ApiConnector, "pullMethod" | "pullBody" | "pullFirstPage">>;

/** The page number sent: the checkpoint counts from 1, an API may count from 0 (`pullFirstPage`). */
export function sentPage(c: PullConfig, cp: Checkpoint): number {
  return cp.page - 1 + (c.pullFirstPage ?? 1);
}

/**
 * A POST list (Odoo search_read, Colppy listar_proveedor): the body is `pullBody` evaluated over
 * `{ page, offset, size, cursor }` (page already shifted by `pullFirstPage`), nothing in the query.
 */
export async function pageCall(c: PullConfig, cp: Checkpoint, bindings?: Bindings): Promise<ConnectorRequest> {
  if (c.pullMethod !== "POST") return pageRequest(c, cp);
  const vars = { page: sentPage(c, cp), offset: cp.offset, size: c.pullPageSize, cursor: cp.cursor };
  const json = c.pullBody?.trim() ? await evaluateExpression(c.pullBody, vars, bindings) : vars;
  return { method: "POST", path: c.pullPath, json };
}

export function pageRequest(c: PullConfig, cp: Checkpoint): ConnectorRequest {
  const size = { [c.pullSizeParam]: c.pullPageSize };
  switch (c.pullPagination) {
    case "NONE":
      return { method: "GET", path: c.pullPath };
    case "PAGE":
      return { method: "GET", path: c.pullPath, query: { [c.pullPageParam]: sentPage(c, cp), ...size } };
    case "OFFSET":
      return { method: "GET", path: c.pullPath, query: { [c.pullPageParam]: cp.offset, ...size } };
    case "CURSOR":
      return { method: "GET", path: c.pullPath, query: { ...(cp.cursor ? { [c.pullPageParam]: cp.cursor } : {}), ...size } };
    case "LINK_HEADER":
      return cp.url ? { method: "GET", url: cp.url } : { method: "GET", path: c.pullPath, query: size };
  }
}

/** RFC 8288 Link header: the target of rel="next", if any. */
export function nextLink(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

export async function nextCheckpoint(c: PullConfig, cp: Checkpoint, res: ConnectorResponse, body: unknown, records: number): Promise<Checkpoint> {
  const base = { ...cp, pageIndex: cp.pageIndex + 1 };
  switch (c.pullPagination) {
    case "NONE":
      return { ...base, done: true };
    case "PAGE":
      return { ...base, page: cp.page + 1, done: records === 0 || records < c.pullPageSize };
    case "OFFSET":
      return { ...base, offset: cp.offset + records, done: records === 0 || records < c.pullPageSize };
    case "CURSOR": {
      const next = await evaluateExpression(c.pullCursorPath, body);
      const cursor = next === undefined || next === null || next === "" ? null : String(next);
      return { ...base, cursor, done: cursor === null || cursor === cp.cursor || records === 0 };
    }
    case "LINK_HEADER": {
      const link = nextLink(res.headers.link);
      const url = link ? new URL(link, res.url).toString() : null;
      return { ...base, url, done: url === null || url === cp.url };
    }
  }
}
