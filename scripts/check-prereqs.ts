/**
 * First step of `npm test`: finds a Chromium and the Tesseract CLI, installs what is missing where
 * it can (apt-get as root on Debian; Playwright's own Chromium download when the network allows),
 * and otherwise stops at once with the exact command to run — instead of dozens of failing specs.
 * Prints the Chromium to use on stdout (scripts/test.sh exports it as CHROMIUM_PATH); everything
 * else goes to stderr.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DEBIAN_CHROMIUM, plan, type Found } from "./prereqs/plan";

function run(cmd: string, args: string[]): boolean {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { stdio: ["ignore", 2, 2] }).status === 0;
}

function has(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

async function playwrightChromium(): Promise<string | undefined> {
  try {
    const { chromium } = await import("playwright-core");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function probe(): Promise<Found> {
  const env = process.env.CHROMIUM_PATH;
  const list = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8", timeout: 10_000 });
  const langs = `${list.stdout ?? ""}\n${list.stderr ?? ""}`.split(/\s+/).filter(Boolean);
  return {
    ...(env ? { chromiumEnv: { path: env, exists: existsSync(env) } } : {}),
    debianChromium: existsSync(DEBIAN_CHROMIUM),
    playwrightChromium: await playwrightChromium(),
    tesseract: { installed: !list.error && list.status === 0, langs },
    apt: has("apt-get"),
    root: process.getuid?.() === 0,
  };
}

const first = plan(await probe(), { install: true });
if (first.stop.length === 0) {
  if (first.apt.length > 0 && !run("apt-get", ["install", "-y", ...first.apt])) {
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", ...first.apt]);
  }
  if (first.playwrightDownload) run("npx", ["playwright", "install", "chromium"]);
}
// Whatever could be installed is now; anything still missing stops the run here.
const final = first.stop.length > 0 ? first : plan(await probe(), { install: false });
if (final.stop.length > 0) {
  console.error(`\nnpm test cannot run on this machine yet:\n${final.stop.map((s) => `  - ${s}`).join("\n")}\n`);
  process.exit(1);
}
console.error(`prerequisites: Chromium ${final.chromium}, Tesseract with spa and osd`);
console.log(final.chromium);
