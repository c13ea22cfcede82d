#!/usr/bin/env bash
# `npm test`: every gate — lint, types and build (at once), unit+integration (Vitest), e2e (Playwright).
# Integration tests use PostgreSQL when TEST_DATABASE_URL is set (CI sets it), PGlite otherwise.
# First the machine: a Chromium and Tesseract, installed when possible, else a stop with the command to run.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "prerequisites"
CHROMIUM_PATH="$(node_modules/.bin/tsx scripts/check-prereqs.ts)"
export CHROMIUM_PATH
# Lint, types and the production build need nothing from each other: run at once, each to its own
# log (printed in order afterwards), which saves about a minute of the CI's budget on 2 cores.
mkdir -p .data/test-report .data/gates
step "lint, typecheck and build (in parallel)"
npx eslint --max-warnings=0 . > .data/gates/lint.log 2>&1 & lint=$!
npx tsc --noEmit > .data/gates/typecheck.log 2>&1 & types=$!
npx next build > .data/gates/build.log 2>&1 & build=$!
failed=()
for gate in lint:$lint typecheck:$types build:$build; do
  name="${gate%%:*}"
  if ! wait "${gate##*:}"; then failed+=("$name"); fi
  step "$name"; cat ".data/gates/$name.log"
done
if [ ${#failed[@]} -gt 0 ]; then echo "FAILED: ${failed[*]}" >&2; exit 1; fi
step "unit + integration (vitest)"; npx vitest run --reporter=default --reporter=json --outputFile.json=.data/test-report/vitest.json
step "e2e (playwright, $CHROMIUM_PATH)"; PLAYWRIGHT_JSON_OUTPUT_NAME=.data/test-report/playwright.json npx playwright test --reporter=list,json
node scripts/test-summary.mjs
