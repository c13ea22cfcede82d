import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { AppError } from "@/server/errors";
import { outboundPolicy, parseOutboundAllowlist, STRICT_POLICY } from "@/server/net/outbound-policy";
import { assertOutboundUrlAllowed, checkOutboundUrl, type Resolver } from "@/server/net/ssrf";

/** Test DNS only: nothing here may reach a real resolver. */
const resolver: Resolver = async (host) => {
  const table: Record<string, string[]> = {
    localhost: ["127.0.0.1"],
    "interno.test": ["10.1.2.3"],
    "mixto.test": ["93.184.216.34", "10.0.0.5"],
    "metadata.test": ["169.254.169.254"],
    "v6-privado.test": ["fd12::1"],
    "publico.test": ["93.184.216.34", "2606:4700::1111"],
  };
  const answers = table[host];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

/** [url, a fragment the refusal message must contain] */
const LOOPBACK_FORMS: [string, string][] = [
  ["http://127.0.0.1", "loopback) (127.0.0.0/8)"],
  ["http://127.0.0.1:8080/hook", "127.0.0.0/8"],
  ["http://localhost", "127.0.0.0/8"],
  ["http://localhost.", "127.0.0.0/8"],
  ["http://LOCALHOST:3000/x", "127.0.0.0/8"],
  ["http://[::ffff:127.0.0.1]", "127.0.0.0/8) (a través de la dirección IPv6 ::ffff:7f00:1)"],
  ["http://[::ffff:7f00:1]", "127.0.0.0/8"],
  ["http://2130706433", "127.0.0.0/8"],
  ["http://0x7f.1", "127.0.0.0/8"],
  ["http://017700000001", "127.0.0.0/8"],
  ["http://127.1", "127.0.0.0/8"],
];

const ALWAYS_HOSTILE: [string, string][] = [
  ["http://[::1]", "(::1/128)"],
  ["http://0.0.0.0", "(0.0.0.0/8)"],
  ["http://169.254.169.254/latest/meta-data", "apunta al servicio de metadatos de la nube (169.254.169.254/32)"],
  ["http://metadata.test/latest/meta-data", "metadatos"],
  ["http://169.254.1.1", "link-local (169.254.0.0/16)"],
  ["http://10.0.0.1", "una red privada (10.0.0.0/8)"],
  ["http://192.168.1.1", "una red privada (192.168.0.0/16)"],
  ["http://172.16.0.1", "una red privada (172.16.0.0/12)"],
  ["http://172.31.255.254", "(172.16.0.0/12)"],
  ["http://100.64.0.1", "CGNAT) (100.64.0.0/10)"],
  ["http://[fd00::1]", "una red privada (fc00::/7)"],
  ["http://[fe80::1]", "link-local (fe80::/10)"],
  ["http://[fd00:ec2::254]", "metadatos de la nube (fd00:ec2::254/128)"],
  ["http://[ff02::1]", "multicast (ff00::/8)"],
  ["http://[::ffff:10.0.0.1]", "(10.0.0.0/8) (a través de la dirección IPv6"],
  ["http://[::ffff:169.254.169.254]", "metadatos"],
  ["http://[64:ff9b::a00:1]", "(10.0.0.0/8) (a través de la dirección IPv6 64:ff9b::a00:1)"],
  ["http://[64:ff9b::7f00:1]", "(127.0.0.0/8) (a través"],
  ["http://[2002:a00:1::]", "(10.0.0.0/8) (a través"],
  ["http://[::a00:1]", "(10.0.0.0/8)"],
  ["http://[2001:db8::1]", "documentación"],
  ["http://224.0.0.1", "multicast (224.0.0.0/4)"],
  ["http://255.255.255.255", "reservado (240.0.0.0/4)"],
  ["http://198.18.0.1", "rendimiento (198.18.0.0/15)"],
  ["http://interno.test/hook", "una red privada (10.0.0.0/8)"],
  ["http://mixto.test/hook", "(10.0.0.0/8)"],
  ["http://v6-privado.test", "(fc00::/7)"],
  ["file:///etc/passwd", "Solo se permiten URLs http:// o https:// (recibimos file://)"],
  ["ftp://x", "recibimos ftp://"],
  ["gopher://127.0.0.1:25/", "Solo se permiten"],
  ["http://user:pass@example.com", "no puede incluir usuario ni contraseña"],
  ["http://user@publico.test", "no puede incluir usuario"],
  ["no es una url", "no es válida"],
  ["http://no-existe.test", "No pudimos resolver el nombre no-existe.test (ENOTFOUND)"],
];

describe("SSRF guard", () => {
  afterEach(() => {
    delete process.env.OUTBOUND_ALLOWLIST;
    resetEnvCache();
  });

  it.each([...LOOPBACK_FORMS, ...ALWAYS_HOSTILE])("refuses %s with a clear message when the allow-list is empty", async (url, fragment) => {
    const verdict = await checkOutboundUrl(url, { policy: STRICT_POLICY, resolver });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toContain(fragment);
  });

  it("states the exact message for a private network", async () => {
    const verdict = await checkOutboundUrl("http://10.0.0.1/webhook", { policy: STRICT_POLICY, resolver });
    expect(verdict).toMatchObject({ ok: false, reason: "BLOCKED_ADDRESS", message: "La URL apunta a una red privada (10.0.0.0/8); no está permitido." });
    const long = await checkOutboundUrl(`https://publico.test/${"a".repeat(2100)}`, { policy: STRICT_POLICY, resolver });
    expect(long).toMatchObject({ ok: false, reason: "INVALID_URL", message: "La URL es demasiado larga (máximo 2048 caracteres)." });
  });

  it.each(LOOPBACK_FORMS)("allows %s once 127.0.0.1 is allow-listed", async (url) => {
    const verdict = await checkOutboundUrl(url, { policy: parseOutboundAllowlist("127.0.0.1"), resolver });
    expect(verdict).toMatchObject({ ok: true });
  });

  it.each(ALWAYS_HOSTILE)("still refuses %s when only 127.0.0.1 is allow-listed", async (url) => {
    const verdict = await checkOutboundUrl(url, { policy: parseOutboundAllowlist("127.0.0.1"), resolver });
    expect(verdict.ok).toBe(false);
  });

  it("allows public addresses and names that resolve only to public addresses", async () => {
    for (const url of ["https://93.184.216.34/hook", "https://[2606:4700::1111]/hook", "https://publico.test/webhooks/contaflow"]) {
      expect(await checkOutboundUrl(url, { policy: STRICT_POLICY, resolver })).toMatchObject({ ok: true });
    }
  });

  it("allow-lists by CIDR and by host name", async () => {
    const policy = parseOutboundAllowlist("10.0.0.0/8, [fd00::/8] interno.test");
    expect(await checkOutboundUrl("http://10.9.9.9", { policy, resolver })).toMatchObject({ ok: true });
    expect(await checkOutboundUrl("http://[fd00::5]", { policy, resolver })).toMatchObject({ ok: true });
    expect(await checkOutboundUrl("http://interno.test.", { policy, resolver })).toMatchObject({ ok: true });
    expect((await checkOutboundUrl("http://192.168.0.1", { policy, resolver })).ok).toBe(false);
    expect(() => parseOutboundAllowlist("127.0.0.1, http://x")).toThrow(/entrada inválida/);
  });

  it("reads the allow-list from OUTBOUND_ALLOWLIST through env()", async () => {
    expect(outboundPolicy().cidrs).toHaveLength(0);
    process.env.OUTBOUND_ALLOWLIST = "127.0.0.1,::1";
    resetEnvCache();
    expect(outboundPolicy().cidrs).toHaveLength(2);
    expect(await checkOutboundUrl("http://[::1]:9/x", { resolver })).toMatchObject({ ok: true });
  });

  it("throws the user-facing AppError for the url field at save time", async () => {
    const err = await assertOutboundUrlAllowed("http://192.168.1.1/hook", { policy: STRICT_POLICY, resolver }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: "La URL apunta a una red privada (192.168.0.0/16); no está permitido.",
      fieldErrors: { url: ["La URL apunta a una red privada (192.168.0.0/16); no está permitido."] },
    });
    await expect(assertOutboundUrlAllowed(" https://publico.test/hook ", { policy: STRICT_POLICY, resolver })).resolves.toBeInstanceOf(URL);
  });
});
