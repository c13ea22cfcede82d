/**
 * Published test vectors for the receiver guide: a receiver implementing either family by hand
 * must reproduce these exact values. Cross-checked with Python's hmac module; the signing
 * tests fail if our signer ever drifts from them.
 */
export const TEST_VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  token: "whtok_ejemplo",
  messageId: "7d9f3c8e-4a1b-4c2d-9e0f-1a2b3c4d5e6f",
  eventType: "document.failed",
  attempt: 1,
  now: "2025-01-20T13:30:05.000Z",
  body: '{"type":"document.failed","version":1,"timestamp":"2025-01-20T13:30:00.000Z","documentoId":"doc_123","error":"No se pudieron extraer datos suficientes del documento."}',
  /** HMAC-SHA256(key = base64-decoded part after whsec_, "<webhook-id>.<webhook-timestamp>.<body>"), base64. */
  webhookSignature: "v1,PCvPevJp4q/2ocDL3PYuqdqN0dUGyhtaojhIo2yJ1lQ=",
  webhookTimestamp: "1737379805",
  /** HMAC-SHA256(key = the secret string as shown, including whsec_, body), lowercase hex. */
  xSignature: "f7807bd166da8366c962dfb3156c946fae2dcb7488c23867e61ee799f4b4c2b2",
  xTimestamp: "2025-01-20T13:30:05.000Z",
} as const;
