import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // A separate build folder lets two builds of one checkout coexist (e.g. parallel e2e runs).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native/wasm packages and the migrator stay outside the bundle, loaded by Node as-is.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "pino",
    "nodemailer",
    // invoice parsing (src/server/parsing): wasm/native, loaded by Node in worker threads
    "pdfjs-dist",
    "@napi-rs/canvas",
    "zxing-wasm",
    "tesseract.js",
  ],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo as its own gate; not twice.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(config);
