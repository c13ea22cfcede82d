/**
 * The signature checker behind the receiver guide: given the headers and raw body a receiver
 * captured plus the secret it uses, say exactly why verification fails, per header family.
 *
 * What can be told apart, and how:
 * - missing header / wrong format / secret pasted wrong (the token, or a broken whsec_): direct;
 * - body re-serialized (JSON.parse + JSON.stringify, pretty-printed, trailing newline, CRLF):
 *   one of those variants of the pasted body verifies;
 * - headers altered: the other family (same secret, same body) verifies;
 * - wrong secret vs body edited: exact when the original body is known (`originalBody`, e.g.
 *   looked up by webhook-id); otherwise, since Contaflow always sends minified JSON, a body that
 *   is not minified JSON was changed, and a minified one points at the secret;
 * - timestamp outside the tolerance: reported only after the signature itself matched.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeHeaders, type HeaderInput } from "./header-block";
import { SECRET_PREFIX, isStandardSecret, standardSigningKey } from "./secrets";
import { HEADER } from "./signing";

export type VerifyReason =
  | "MISSING_HEADER"
  | "MALFORMED_HEADER"
  | "SECRET_MALFORMED"
  | "SECRET_IS_TOKEN"
  | "BODY_RESERIALIZED"
  | "BODY_MODIFIED"
  | "HEADERS_MODIFIED"
  | "ROTATION_PREVIOUS_SECRET"
  | "WRONG_SECRET"
  | "TIMESTAMP_TOO_OLD"
  | "TIMESTAMP_TOO_NEW"
  | "TOKEN_MISMATCH";

export type FamilyCheck = { ok: true; message: string } | { ok: false; reason: VerifyReason; message: string };

export interface SignatureCheck {
  ok: boolean;
  /** The first failure (Standard Webhooks first), for a one-line verdict. */
  reason: VerifyReason | null;
  message: string;
  standard: FamilyCheck;
  contract: FamilyCheck;
}

export interface CheckInput {
  headers: HeaderInput;
  body: string | Buffer;
  secret: string;
  /** The X-Webhook-Token the receiver expects, if it checks it. */
  token?: string;
  /** The bytes Contaflow really sent (from the delivery log), for an exact verdict. */
  originalBody?: string | Buffer;
  now?: Date;
  toleranceSeconds?: number;
}

const DEFAULT_TOLERANCE_S = 300;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bodies a receiver framework commonly produces from ours, each with what happened. */
function bodyVariants(body: string): { body: string; what: string }[] {
  const out: { body: string; what: string }[] = [];
  try {
    const value: unknown = JSON.parse(body);
    out.push({ body: JSON.stringify(value), what: "se parseó el JSON y se volvió a serializar (espacios o formato distintos)" });
  } catch {
    // not JSON: only whitespace variants apply
  }
  out.push({ body: body.replace(/\s+$/, ""), what: "se agregaron espacios o saltos de línea al final" });
  out.push({ body: body.replace(/\r\n/g, "\n"), what: "se cambiaron los finales de línea (CRLF)" });
  return out.filter((v) => v.body !== body);
}

function isMinifiedJson(body: string): boolean {
  try {
    return JSON.stringify(JSON.parse(body)) === body;
  } catch {
    return false;
  }
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

/** Shared diagnosis once a family's signature did not match the pasted body with the secret. */
function diagnoseMismatch(matches: (body: string) => boolean, body: string, input: CheckInput, otherFamilyOk: boolean, family: "standard" | "contract"): FamilyCheck {
  for (const variant of bodyVariants(body)) {
    if (matches(variant.body)) {
      return { ok: false, reason: "BODY_RESERIALIZED", message: `El cuerpo no es el que enviamos byte a byte: ${variant.what}. Verificá sobre el cuerpo crudo (req.text() / raw body) antes de parsearlo.` };
    }
  }
  if (input.originalBody !== undefined) {
    const sent = Buffer.from(input.originalBody);
    const got = Buffer.from(body);
    if (!sent.equals(got)) {
      return { ok: false, reason: "BODY_MODIFIED", message: `El cuerpo cambió respecto del enviado (primera diferencia en el byte ${firstDifference(sent, got)}). Verificá sobre el cuerpo crudo, sin modificarlo.` };
    }
  }
  if (otherFamilyOk) {
    return family === "standard"
      ? { ok: false, reason: "HEADERS_MODIFIED", message: "El secreto y el cuerpo son correctos (X-Signature verifica), pero webhook-id o webhook-timestamp no son los que firmamos: no los modifiques ni los tomes de otro request." }
      : { ok: false, reason: "ROTATION_PREVIOUS_SECRET", message: "webhook-signature verifica pero X-Signature no: si al rotar se eligió «seguir firmando con el secreto anterior hasta …», X-Signature y X-Webhook-Token usan el secreto ANTERIOR hasta el instante que muestra el endpoint (y la guía); con «cambiar ya», usan el nuevo." };
  }
  if (input.originalBody === undefined && !isMinifiedJson(body)) {
    return { ok: false, reason: "BODY_MODIFIED", message: "El cuerpo no es el que enviamos: Contaflow envía JSON minificado y este no lo es (¿se editó o se copió de un log formateado?). Usá el cuerpo crudo tal cual llegó." };
  }
  return { ok: false, reason: "WRONG_SECRET", message: "La firma no coincide con este secreto: ¿es el secreto de este endpoint? ¿Lo rotaste y el receptor tiene el anterior (o el nuevo)? Copialo completo, con el prefijo whsec_." };
}

function checkTimestamp(seconds: number, now: Date, tolerance: number): FamilyCheck | null {
  const skew = Math.floor(now.getTime() / 1000) - seconds;
  if (skew > tolerance) return { ok: false, reason: "TIMESTAMP_TOO_OLD", message: `La firma es correcta, pero el timestamp tiene ${skew} s de antigüedad (tolerancia ${tolerance} s): ¿reloj del receptor desfasado o un request viejo reenviado?` };
  if (-skew > tolerance) return { ok: false, reason: "TIMESTAMP_TOO_NEW", message: `La firma es correcta, pero el timestamp está ${-skew} s en el futuro (tolerancia ${tolerance} s): revisá el reloj del receptor (NTP).` };
  return null;
}

function secretProblem(input: CheckInput, h: Record<string, string>): FamilyCheck | null {
  const secret = input.secret.trim();
  if (!secret) return { ok: false, reason: "SECRET_MALFORMED", message: "Falta el secreto." };
  if (h[HEADER.token] && secret === h[HEADER.token]) {
    return { ok: false, reason: "SECRET_IS_TOKEN", message: "Pegaste el X-Webhook-Token como secreto: la firma usa el secreto whsec_…, que es otro valor." };
  }
  if (secret.startsWith(SECRET_PREFIX) && !isStandardSecret(secret)) {
    return { ok: false, reason: "SECRET_MALFORMED", message: "El secreto whsec_ está incompleto o mal copiado (después de whsec_ debe haber base64 válido)." };
  }
  return null;
}

function standardCheck(input: CheckInput, h: Record<string, string>, body: string, contractOk: boolean): FamilyCheck {
  const missing = [HEADER.swId, HEADER.swTimestamp, HEADER.swSignature].filter((n) => !h[n]);
  if (missing.length) return { ok: false, reason: "MISSING_HEADER", message: `Faltan encabezados: ${missing.join(", ")}.` };
  const id = h[HEADER.swId]!;
  const ts = h[HEADER.swTimestamp]!;
  if (id.includes(".")) return { ok: false, reason: "MALFORMED_HEADER", message: "webhook-id no puede contener puntos." };
  if (!/^\d{1,11}$/.test(ts)) {
    return { ok: false, reason: "MALFORMED_HEADER", message: /^\d{12,}$/.test(ts) ? "webhook-timestamp parece estar en milisegundos; debe ser segundos Unix." : "webhook-timestamp debe ser segundos Unix (un entero)." };
  }
  const sigs = h[HEADER.swSignature]!.split(" ").filter(Boolean);
  const v1 = sigs.filter((s) => /^v1,[A-Za-z0-9+/]+={0,2}$/.test(s)).map((s) => s.slice(3));
  if (!v1.length) return { ok: false, reason: "MALFORMED_HEADER", message: 'webhook-signature debe ser una lista separada por espacios de "v1,<base64>".' };
  const secretIssue = secretProblem(input, h);
  if (secretIssue) return secretIssue;
  // A bare base64 secret (whsec_ prefix dropped) is accepted by the libraries too.
  const keys = [standardSigningKey(input.secret.trim())];
  if (!input.secret.startsWith(SECRET_PREFIX) && isStandardSecret(SECRET_PREFIX + input.secret.trim())) keys.push(standardSigningKey(SECRET_PREFIX + input.secret.trim()));
  const matches = (b: string) =>
    keys.some((key) => {
      const expected = createHmac("sha256", key).update(`${id}.${ts}.${b}`).digest("base64");
      return v1.some((sig) => safeEqual(sig, expected));
    });
  if (!matches(body)) return diagnoseMismatch(matches, body, input, contractOk, "standard");
  return checkTimestamp(Number(ts), input.now ?? new Date(), input.toleranceSeconds ?? DEFAULT_TOLERANCE_S) ?? { ok: true, message: "webhook-signature verifica." };
}

function contractCheck(input: CheckInput, h: Record<string, string>, body: string, standardOk: boolean): FamilyCheck {
  const missing = [HEADER.signature, HEADER.timestamp].filter((n) => !h[n]);
  if (missing.length) return { ok: false, reason: "MISSING_HEADER", message: `Faltan encabezados: ${missing.join(", ")}.` };
  const sig = h[HEADER.signature]!.trim();
  if (!/^[0-9a-f]{64}$/i.test(sig)) {
    return { ok: false, reason: "MALFORMED_HEADER", message: "X-Signature debe ser el HMAC-SHA256 en hexadecimal (64 caracteres, sin prefijo sha256=)." };
  }
  const when = Date.parse(h[HEADER.timestamp]!);
  if (Number.isNaN(when)) return { ok: false, reason: "MALFORMED_HEADER", message: "X-Timestamp debe ser una fecha ISO 8601." };
  const secretIssue = secretProblem(input, h);
  if (secretIssue) return secretIssue;
  const matches = (b: string) => safeEqual(sig.toLowerCase(), createHmac("sha256", input.secret.trim()).update(b).digest("hex"));
  if (!matches(body)) return diagnoseMismatch(matches, body, input, standardOk, "contract");
  if (input.token !== undefined && !safeEqual(h[HEADER.token] ?? "", input.token)) {
    return { ok: false, reason: "TOKEN_MISMATCH", message: "X-Signature verifica, pero X-Webhook-Token no es el token esperado (¿rotaste el secreto? el token rota con él)." };
  }
  return checkTimestamp(Math.floor(when / 1000), input.now ?? new Date(), input.toleranceSeconds ?? DEFAULT_TOLERANCE_S) ?? { ok: true, message: "X-Signature verifica." };
}

/** Signature-only pass of each family, so each diagnosis can lean on the other. */
function signatureMatches(check: FamilyCheck): boolean {
  return check.ok || check.reason === "TIMESTAMP_TOO_OLD" || check.reason === "TIMESTAMP_TOO_NEW" || check.reason === "TOKEN_MISMATCH";
}

export function checkSignature(input: CheckInput): SignatureCheck {
  const h = normalizeHeaders(input.headers);
  const body = Buffer.isBuffer(input.body) ? input.body.toString("utf8") : input.body;
  const standardAlone = standardCheck(input, h, body, false);
  const contractAlone = contractCheck(input, h, body, false);
  const standard = signatureMatches(standardAlone) ? standardAlone : standardCheck(input, h, body, signatureMatches(contractAlone));
  const contract = signatureMatches(contractAlone) ? contractAlone : contractCheck(input, h, body, signatureMatches(standardAlone));
  const firstFailure = !standard.ok ? standard : !contract.ok ? contract : null;
  return {
    ok: standard.ok && contract.ok,
    reason: firstFailure && !firstFailure.ok ? firstFailure.reason : null,
    message: firstFailure ? firstFailure.message : "Las dos firmas verifican.",
    standard,
    contract,
  };
}
