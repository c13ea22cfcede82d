import { existsSync, readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { DEBIAN_CHROMIUM } from "./scripts/prereqs/plan";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;
/** Per port, so two e2e runs on one machine never share a database. */
export const E2E_DATA_DIR = `.data/e2e-${PORT}`;
/**
 * Sign-ins (and sign-ups) from one address before the limiter answers 429. Every spec signs in from
 * 127.0.0.1, and better-auth's window restarts only after a pause as long as the window since the
 * last allowed attempt, which a running suite never makes: the count grows over the whole run
 * (about 45 sign-ins and 25 sign-ups today), so the limit leaves room for that.
 */
export const E2E_SIGN_IN_LIMIT = 100;

/**
 * The specs that sign in as the seeded «Estudio Demo» people share that organization's data
 * (documents, endpoints, events), so they run one at a time; the others sign up their own
 * organization and run beside them. Found by what a spec does, so a new spec lands on the right side.
 */
const DEMO_TENANT_SPECS = readdirSync("e2e")
  .filter((f) => f.endsWith(".spec.ts") && !f.includes("rate-limit") && readFileSync(`e2e/${f}`, "utf8").includes("@demo.contaflow.ar"))
  .map((f) => `**/e2e/${f}`);

/**
 * e2e against `next build && next start` (the build is done by `npm test` before this runs),
 * on CHROMIUM_PATH (set by `npm test` from scripts/check-prereqs.ts), else Debian's Chromium, else
 * Playwright's own download; with a fresh embedded database and data folder per run.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // One worker walks the demo organization's specs, the other the self-contained ones: 11.9 → 9.9
  // min on the 2-core CI machine (one worker left the cores idle ~3/4 of the time; two share one server).
  workers: 2,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "es-AR",
    // Charts honour "reduce motion": screenshots show them fully drawn, and that path is exercised.
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  // Sign-in attempts are rate-limited per address and every test signs in from 127.0.0.1,
  // so the rate-limit scenario runs after everything else.
  projects: [
    { name: "demo-organization", testMatch: DEMO_TENANT_SPECS, workers: 1 },
    { name: "own-organization", testIgnore: [...DEMO_TENANT_SPECS, /rate-limit/] },
    { name: "rate-limit", testMatch: /rate-limit/, dependencies: ["demo-organization", "own-organization"] },
  ],
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && node_modules/.bin/tsx scripts/db.ts deploy && node_modules/.bin/tsx --conditions=react-server prisma/seed.ts && node scripts/start.mjs`,
    url: `${baseURL}/ingresar`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      APP_URL: baseURL,
      DATABASE_URL: "",
      SIGN_IN_MAX_ATTEMPTS: String(E2E_SIGN_IN_LIMIT),
      // Every spec signs up its own people from 127.0.0.1 (see E2E_SIGN_IN_LIMIT).
      SIGN_UP_MAX_ATTEMPTS: String(E2E_SIGN_IN_LIMIT),
      LOG_LEVEL: "warn",
      // Receivers started by the tests listen on loopback.
      OUTBOUND_ALLOWLIST: "127.0.0.1,::1",
      // n8n call retries 0.2 s, 0.4 s, … instead of the engine's 10 s backoff (e2e/n8n-movements.spec.ts).
      N8N_RETRY_DELAY_MS: "200",
    },
  },
});
