/**
 * Is this error "the database is unreachable" (down, restarting, refusing connections) rather
 * than a bug or bad data? Such errors are temporary: the engine waits and retries, the API and
 * tRPC answer 503 with Retry-After, and the logs say so once per outage, not once per query.
 */
const UNREACHABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** SQLSTATE classes/codes: connection exceptions (08), shutdown/restart (57P01-57P03), too many connections. */
const UNREACHABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNREACHABLE_NODE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** node-postgres says "… is not queryable" for a client whose connection dropped inside a transaction (a plain Error, no code). */
const UNREACHABLE_MESSAGE =
  /Can't reach database server|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery)|Timed out fetching a new connection|Connection closed|ECONNREFUSED|ECONNRESET|encountered a connection error and is not queryable|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, meta, message, kind } = e as { code?: unknown; meta?: { code?: unknown }; message?: unknown; kind?: unknown };
    if (typeof code === "string" && (UNREACHABLE_PRISMA.has(code) || UNREACHABLE_NODE.has(code) || /^(08|57P0[1-3])/.test(code))) return true;
    if (typeof meta?.code === "string" && UNREACHABLE_SQLSTATE.test(meta.code)) return true;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5;
export const DB_UNAVAILABLE_MESSAGE = "La base de datos no está disponible en este momento. Reintentá en unos segundos: no se perdió nada de lo que ya estaba guardado.";

type Log = { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };

/**
 * Logs an outage once when it starts and once when it ends (with its length), however many
 * operations fail in between. `failed` answers whether the error was an outage (else: log it yourself).
 */
export class OutageLog {
  private downSince: number | null = null;
  private suppressed = 0;
  constructor(
    private readonly log: Log,
    private readonly what: string,
  ) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  failed(err: unknown): boolean {
    if (!isDatabaseUnavailable(err)) return false;
    if (this.downSince === null) {
      this.downSince = Date.now();
      this.suppressed = 0;
      this.log.warn({ err }, `${this.what}: database unreachable; retrying with backoff (logged again when it is back)`);
    } else this.suppressed++;
    return true;
  }

  ok() {
    if (this.downSince === null) return;
    this.log.info({ downMs: Date.now() - this.downSince, failedCalls: this.suppressed + 1 }, `${this.what}: database reachable again`);
    this.downSince = null;
  }
}
