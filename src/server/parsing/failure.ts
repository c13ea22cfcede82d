/**
 * A file that cannot be parsed. `message` is the Spanish reason shown to the user;
 * `reason` is a stable code: NOT_SUPPORTED | TOO_LARGE | CORRUPT | TOO_MANY_PAGES | TIMEOUT |
 * NO_DATA | ENCRYPTED | EMPTY.
 */
export class ParseFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "ParseFailure";
  }
}

export function isParseFailure(err: unknown): err is ParseFailure {
  return err instanceof ParseFailure || (err instanceof Error && err.name === "ParseFailure" && "reason" in err);
}
