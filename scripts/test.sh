#!/usr/bin/env bash
# `npm test`: every gate, in order — lint, types, unit+integration (Vitest), build, e2e (Playwright).
# Integration tests use PostgreSQL when TEST_DATABASE_URL is set (CI sets it), PGlite otherwise.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "lint";       npx eslint --max-warnings=0 .
step "typecheck";  npx tsc --noEmit
mkdir -p .data/test-report
step "unit + integration (vitest)"; npx vitest run --reporter=default --reporter=json --outputFile.json=.data/test-report/vitest.json
step "build";      npx next build
step "e2e (playwright, Debian chromium)"; PLAYWRIGHT_JSON_OUTPUT_NAME=.data/test-report/playwright.json npx playwright test --reporter=list,json
node scripts/test-summary.mjs
