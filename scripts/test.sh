#!/usr/bin/env bash
# `npm test`: every gate, in order — lint, types, unit+integration (Vitest), build, e2e (Playwright).
# Integration tests use PostgreSQL when TEST_DATABASE_URL is set (CI sets it), PGlite otherwise.
# First the machine: a Chromium and Tesseract, installed when possible, else a stop with the command to run.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "prerequisites"
CHROMIUM_PATH="$(node_modules/.bin/tsx scripts/check-prereqs.ts)"
export CHROMIUM_PATH
step "lint";       npx eslint --max-warnings=0 .
step "typecheck";  npx tsc --noEmit
mkdir -p .data/test-report
step "unit + integration (vitest)"; npx vitest run --reporter=default --reporter=json --outputFile.json=.data/test-report/vitest.json
step "build";      npx next build
step "e2e (playwright, $CHROMIUM_PATH)"; PLAYWRIGHT_JSON_OUTPUT_NAME=.data/test-report/playwright.json npx playwright test --reporter=list,json
node scripts/test-summary.mjs
