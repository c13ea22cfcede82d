import { defineConfig } from "prisma/config";

// The Prisma CLI is only used for `generate`; migrations run through scripts/db.ts
// (the wasm schema engine), because engine binaries cannot be downloaded here.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
});
