/**
 * What `npm test` needs from the machine (a Chromium for e2e, the Tesseract CLI with Spanish and
 * orientation data for OCR) and what to do about what is missing. Pure: the probing and the
 * installing live in scripts/check-prereqs.ts, so this decision can be tested on its own.
 */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export type Found = {
  /** CHROMIUM_PATH as set, and whether that file exists. */
  chromiumEnv?: { path: string; exists: boolean };
  debianChromium: boolean;
  /** Playwright's own download (`npx playwright install chromium`), when present. */
  playwrightChromium?: string;
  tesseract: { installed: boolean; langs: string[] };
  /** Debian/Ubuntu with apt-get. */
  apt: boolean;
  root: boolean;
};

/**
 * `install`: whether installing may still be tried (apt-get as root on Debian, else Playwright's
 * own Chromium download, which needs the network). False after one attempt: then anything still
 * missing stops the run.
 */
export type Options = { install: boolean };

export type Plan = {
  /** The Chromium the e2e run uses (CHROMIUM_PATH for Playwright), when one is known. */
  chromium?: string;
  /** Debian packages to install now (root on Debian only). */
  apt: string[];
  /** Try `npx playwright install chromium`. */
  playwrightDownload: boolean;
  /** Why the run must stop, each with the exact command that fixes it. Empty when nothing blocks. */
  stop: string[];
};

function tesseractPackages(t: Found["tesseract"]): string[] {
  return [...(t.installed ? [] : ["tesseract-ocr"]), ...(t.langs.includes("spa") ? [] : ["tesseract-ocr-spa"]), ...(t.langs.includes("osd") ? [] : ["tesseract-ocr-osd"])];
}

function aptCommand(found: Found, packages: string[]): string {
  return `${found.root ? "" : "sudo "}apt-get install -y ${packages.join(" ")}`;
}

export function plan(found: Found, opts: Options): Plan {
  const out: Plan = { apt: [], playwrightDownload: false, stop: [] };
  const canApt = opts.install && found.apt && found.root;

  if (found.chromiumEnv) {
    // An explicit choice is never silently replaced by another browser.
    if (found.chromiumEnv.exists) out.chromium = found.chromiumEnv.path;
    else out.stop.push(`CHROMIUM_PATH=${found.chromiumEnv.path} does not exist. Fix it, or unset it to use ${DEBIAN_CHROMIUM} or Playwright's Chromium (npx playwright install chromium).`);
  } else if (found.debianChromium) out.chromium = DEBIAN_CHROMIUM;
  else if (found.playwrightChromium) out.chromium = found.playwrightChromium;
  else if (canApt) out.apt.push("chromium");
  else if (opts.install) out.playwrightDownload = true;
  else
    out.stop.push(
      `No Chromium for the e2e tests. Install one: ${found.apt ? aptCommand(found, ["chromium"]) : "npx playwright install chromium"}` +
        `${found.apt ? " (or: npx playwright install chromium)" : ""}, or point CHROMIUM_PATH=/path/to/chromium at one.`,
    );

  const ocr = tesseractPackages(found.tesseract);
  if (ocr.length > 0) {
    if (canApt) out.apt.push(...ocr);
    else
      out.stop.push(
        found.apt
          ? `Tesseract (OCR) with Spanish and orientation data is missing. Install it: ${aptCommand(found, ocr)}`
          : "Tesseract (OCR) with Spanish (spa) and orientation (osd) data is missing: install the tesseract CLI and those languages with the system package manager (macOS: brew install tesseract tesseract-lang).",
      );
  }
  return out;
}
