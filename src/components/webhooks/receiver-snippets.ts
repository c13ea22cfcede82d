/**
 * Copy-paste verification code for receivers, one per platform, matching signing.ts. The code is
 * shown as is in every locale; each title lives in the "webhooks" messages at `guide.snippets.<titleKey>`.
 */
export const RECEIVER_SNIPPETS: { id: string; titleKey: "node" | "nodeHmac" | "python" | "php" | "n8n"; language: string; code: string }[] = [
  {
    id: "node",
    titleKey: "node",
    language: "ts",
    code: `// npm install standardwebhooks
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.CONTAFLOW_WEBHOOK_SECRET!); // whsec_…

export async function POST(req: Request) {
  const body = await req.text(); // el cuerpo crudo, sin JSON.parse previo
  const headers = Object.fromEntries(req.headers);
  try {
    const event = wh.verify(body, headers) as { type: string };
    // procesá el evento; usá headers["webhook-id"] para descartar duplicados
    return new Response(null, { status: 204 });
  } catch {
    return new Response("firma inválida", { status: 401 });
  }
}`,
  },
  {
    id: "node-hmac",
    titleKey: "nodeHmac",
    language: "js",
    code: `import { createHmac, timingSafeEqual } from "node:crypto";

function verify(rawBody, headers, secret /* whsec_… tal cual se mostró */) {
  const expected = createHmac("sha256", secret).update(rawBody).digest("hex");
  const received = headers["x-signature"] ?? "";
  const ageMs = Math.abs(Date.now() - Date.parse(headers["x-timestamp"]));
  return received.length === expected.length &&
    timingSafeEqual(Buffer.from(received), Buffer.from(expected)) &&
    ageMs < 5 * 60 * 1000;
}`,
  },
  {
    id: "python",
    titleKey: "python",
    language: "python",
    code: `import base64, hashlib, hmac, time

def verify(raw_body: bytes, headers: dict, secret: str) -> bool:
    msg_id = headers["webhook-id"]
    ts = headers["webhook-timestamp"]
    if abs(time.time() - int(ts)) > 300:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{ts}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s.split(",", 1)[1])
               for s in headers["webhook-signature"].split(" ") if s.startswith("v1,"))`,
  },
  {
    id: "php",
    titleKey: "php",
    language: "php",
    code: `<?php
$raw = file_get_contents('php://input');
$secret = getenv('CONTAFLOW_WEBHOOK_SECRET'); // whsec_… tal cual se mostró
$expected = hash_hmac('sha256', $raw, $secret);
$received = $_SERVER['HTTP_X_SIGNATURE'] ?? '';
$sentAt = strtotime($_SERVER['HTTP_X_TIMESTAMP'] ?? '');
if (!hash_equals($expected, $received) || $sentAt === false || abs(time() - $sentAt) > 300) {
    http_response_code(401);
    exit('firma inválida o mensaje de hace más de 5 minutos');
}
$event = json_decode($raw, true);
if (!empty($event['test'])) { /* evento de prueba: ids doc_test_…, no lo registres */ }
http_response_code(204);`,
  },
  {
    id: "n8n",
    titleKey: "n8n",
    language: "text",
    code: `1. Nodo Webhook: método POST, "Raw Body" activado.
2. Nodo Crypto: Action "Hmac", Type "SHA256", Encoding "hex",
   Value = el cuerpo crudo ({{$binary.data}} o {{$json.body}} sin reformatear),
   Secret = el secreto whsec_… tal cual se mostró.
3. Nodo IF (las dos condiciones, AND):
   - {{$json.hmac}} es igual a {{$node["Webhook"].json.headers["x-signature"]}}
   - {{Math.abs(Date.now() - Date.parse($node["Webhook"].json.headers["x-timestamp"]))}}
     es menor que 300000 (5 minutos: rechaza mensajes viejos o repetidos)
   Opcional: comparar x-webhook-token con el token guardado.
4. Nodo IF: {{$node["Webhook"].json.body.test}} es true → evento de prueba
   (ids doc_test_…): respondé 204 sin procesarlo.`,
  },
];
