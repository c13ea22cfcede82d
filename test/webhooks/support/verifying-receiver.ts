/**
 * A receiver that behaves like the receiver guide tells one to: it keeps the credentials it was
 * given (and replaces them when the admin rotates), and verifies every request with BOTH families
 * — `standardwebhooks` for webhook-signature, the seed's HMAC hex for X-Signature and the
 * X-Webhook-Token comparison. Each request is recorded with the verdict of each family.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "./receiver";

export type Verdict = { id: string; standard: boolean; contract: boolean };

export async function startVerifyingReceiver(initial: { secret: string; token: string }) {
  const saved = { ...initial };
  const verdicts: Verdict[] = [];
  /** Answer this status instead of 204 (a receiver outage, a 410); verification is still recorded. */
  const control = { status: null as number | null };
  const receiver: Receiver = await startReceiver((req, res) => {
    let standard = true;
    try {
      new Webhook(saved.secret).verify(req.body.toString("utf8"), req.headers);
    } catch {
      standard = false;
    }
    const expected = Buffer.from(createHmac("sha256", saved.secret).update(req.body).digest("hex"));
    const got = Buffer.from(req.headers["x-signature"] ?? "");
    const contract = got.length === expected.length && timingSafeEqual(got, expected) && req.headers["x-webhook-token"] === saved.token;
    verdicts.push({ id: req.headers["webhook-id"] ?? "", standard, contract });
    res.writeHead(control.status ?? (standard && contract ? 204 : 401)).end();
  });
  return {
    receiver,
    verdicts,
    answer(status: number | null) {
      control.status = status;
    },
    /** What the guide says to do with the credentials shown at rotation. */
    save(creds: { secret: string; token: string }) {
      Object.assign(saved, creds);
    },
  };
}
