/**
 * `npm run db:seed`: a demo tenant with one user per role, for local use and e2e.
 * Idempotent: existing demo users and memberships are kept. Applies pending migrations first,
 * so it works on a fresh data folder.
 */
import { auth } from "../src/server/auth/auth";
import { closeDatabase, db } from "../src/server/db/client";
import { deployMigrations } from "../src/server/db/migration-target";
import type { RoleName } from "../src/lib/roles";

export const DEMO_PASSWORD = "demo-contaflow-2026";
export const DEMO_TENANT = { name: "Estudio Demo", slug: "estudio-demo" };
export const DEMO_USERS: { email: string; name: string; role: RoleName }[] = [
  { email: "duena@demo.contaflow.ar", name: "Olga Dueña", role: "OWNER" },
  { email: "admin@demo.contaflow.ar", name: "Adrián Admin", role: "ADMIN" },
  { email: "contador@demo.contaflow.ar", name: "Carla Contadora", role: "ACCOUNTANT" },
  { email: "lectura@demo.contaflow.ar", name: "Vicente Lectura", role: "VIEWER" },
];

async function ensureUser(email: string, name: string): Promise<string> {
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) return existing.id;
  const { user } = await auth().api.signUpEmail({ body: { email, name, password: DEMO_PASSWORD } });
  return user.id;
}

async function main() {
  await deployMigrations();
  const tenant = await db().tenant.upsert({ where: { slug: DEMO_TENANT.slug }, update: {}, create: { ...DEMO_TENANT, planId: "estudio" } });
  for (const u of DEMO_USERS) {
    const userId = await ensureUser(u.email, u.name);
    await db().membership.upsert({
      where: { tenantId_userId: { tenantId: tenant.id, userId } },
      update: {},
      create: { tenantId: tenant.id, userId, role: u.role },
    });
  }
  console.log(`Demo tenant "${DEMO_TENANT.name}" ready. Users (password ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
