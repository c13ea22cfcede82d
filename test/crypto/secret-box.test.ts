import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "@/server/crypto/secret-box";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, uses a fresh IV each time, and never stores the plaintext", () => {
    const a = encryptSecret("whsec_abc123", "webhook:1");
    const b = encryptSecret("whsec_abc123", "webhook:1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("whsec_abc123");
    expect(decryptSecret(a, "webhook:1")).toBe("whsec_abc123");
  });

  it("rejects tampering and a different context", () => {
    const stored = encryptSecret("token-1", "ctx");
    const parts = stored.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "ctx")).toThrow();
    expect(() => decryptSecret(stored, "other")).toThrow();
  });

  it("generates the key once into the data folder in embedded mode (0600)", () => {
    const file = join(process.env.DATA_DIR!, "secrets.json");
    const saved = JSON.parse(readFileSync(file, "utf8")) as { secretsKey: string };
    expect(Buffer.from(saved.secretsKey, "base64")).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("masks secrets for display", () => {
    expect(maskSecret("whsec_abcdefghijkl")).toBe("whse…ijkl");
    expect(maskSecret("short")).toBe("••••");
  });
});
