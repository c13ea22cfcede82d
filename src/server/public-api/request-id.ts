import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** A client's own id is echoed when it is printable and short; otherwise we mint one. */
const VALID = /^[A-Za-z0-9._:@\-]{1,128}$/;

export function requestIdOf(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && VALID.test(incoming) ? incoming : randomUUID();
}

/** Stamps the request id on a response (headers of a fetch Response may be immutable). */
export function withRequestId(res: Response, id: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, id);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(REQUEST_ID_HEADER, id);
    return copy;
  }
}
