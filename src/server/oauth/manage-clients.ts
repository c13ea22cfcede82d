import "server-only";
import { db, type Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import {
  apiClientFields,
  createApiClientInput,
  rotateApiClientSecretInput,
  updateApiClientInput,
  type ApiScope,
  type CreateApiClientInput,
  type RotateApiClientSecretInput,
  type UpdateApiClientInput,
} from "@/lib/schemas/api-clients";
import { PREFIX, newClientId, randomToken, sha256Hex } from "./tokens";

/** What the UI sees of a client: never its secret (only the last 4 characters). */
export type ApiClientView = {
  id: string;
  name: string;
  description: string;
  clientId: string;
  secretHint: string;
  scopes: ApiScope[];
  redirectUris: string[];
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  secretRotatedAt: Date | null;
  /** Until when the previous secret still works (null: it does not). */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
};

const viewSelect = {
  id: true,
  name: true,
  description: true,
  clientId: true,
  secretHint: true,
  scopes: true,
  redirectUris: true,
  revokedAt: true,
  lastUsedAt: true,
  secretRotatedAt: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;

function toView(row: Omit<ApiClientView, "scopes"> & { scopes: string[] }): ApiClientView {
  const graceOver = !row.previousSecretExpiresAt || row.previousSecretExpiresAt <= new Date();
  return { ...row, scopes: row.scopes as ApiScope[], previousSecretExpiresAt: graceOver ? null : row.previousSecretExpiresAt };
}

function newSecret() {
  const secret = randomToken(PREFIX.clientSecret);
  return { secret, columns: { secretHash: sha256Hex(secret), secretHint: secret.slice(-4) } };
}

export async function listApiClients(scope: TenantScope): Promise<ApiClientView[]> {
  const rows = await db().apiClient.findMany({ where: scoped(scope), select: viewSelect, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
  return rows.map(toView);
}

export async function getApiClient(scope: TenantScope, id: string): Promise<ApiClientView> {
  const row = await db().apiClient.findFirst({ where: scoped(scope, { id }), select: viewSelect });
  if (!row) throw AppError.notFound("Cliente de API");
  return toView(row);
}

/** Creates a client; the secret is returned this once and only its hash is kept. */
export async function createApiClient(scope: TenantScope, input: CreateApiClientInput): Promise<{ client: ApiClientView; clientSecret: string }> {
  const data = createApiClientInput.parse(input);
  const { secret, columns } = newSecret();
  const row = await db().apiClient.create({
    data: { ...data, redirectUris: [...new Set(data.redirectUris)], tenantId: scope.tenantId, clientId: newClientId(), createdById: scope.userId, ...columns },
    select: viewSelect,
  });
  return { client: toView(row), clientSecret: secret };
}

async function activeClient(scope: TenantScope, id: string) {
  const row = await db().apiClient.findFirst({ where: scoped(scope, { id }), select: { id: true, revokedAt: true } });
  if (!row) throw AppError.notFound("Cliente de API");
  if (row.revokedAt) throw new AppError("CONFLICT", "El cliente está revocado");
  return row;
}

/**
 * Name, scopes and redirect URIs. Narrowing scopes also narrows live tokens: a token keeps only
 * the scopes its client still has (checked on every call).
 */
export async function updateApiClient(scope: TenantScope, input: UpdateApiClientInput): Promise<ApiClientView> {
  const { id, ...rest } = updateApiClientInput.parse(input);
  const data = apiClientFields.parse(rest);
  await activeClient(scope, id);
  const row = await db().apiClient.update({ where: { id }, data: { ...data, redirectUris: [...new Set(data.redirectUris)] }, select: viewSelect });
  return toView(row);
}

/**
 * New secret (shown once). The current one keeps working for `graceHours` (0 = stops at once), so
 * an integration can deploy the new secret without downtime; a second rotation replaces the
 * previous secret with the one it retires. Issued tokens stay valid until they expire.
 */
export async function rotateApiClientSecret(scope: TenantScope, input: RotateApiClientSecretInput): Promise<{ client: ApiClientView; clientSecret: string }> {
  const { id, graceHours } = rotateApiClientSecretInput.parse(input);
  await activeClient(scope, id);
  const current = await db().apiClient.findFirstOrThrow({ where: scoped(scope, { id }), select: { secretHash: true } });
  const { secret, columns } = newSecret();
  const now = new Date();
  const grace = graceHours > 0 ? { previousSecretHash: current.secretHash, previousSecretExpiresAt: new Date(now.getTime() + graceHours * 3_600_000) } : { previousSecretHash: null, previousSecretExpiresAt: null };
  const row = await db().apiClient.update({ where: { id }, data: { ...columns, ...grace, secretRotatedAt: now }, select: viewSelect });
  return { client: toView(row), clientSecret: secret };
}

/** Revokes the client and every token it holds; its calls answer 401 from now on. */
export async function revokeApiClient(scope: TenantScope, id: string): Promise<ApiClientView> {
  await activeClient(scope, id);
  const row = await db().$transaction(async (tx) => {
    await revokeClients(tx, [id]);
    return tx.apiClient.findUniqueOrThrow({ where: { id }, select: viewSelect });
  });
  return toView(row);
}

/** The live clients `userId` created in the tenant, revoked with their tokens (in the caller's transaction). */
export async function revokeClientsCreatedBy(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const clients = await tx.apiClient.findMany({ where: { tenantId, createdById: userId, revokedAt: null }, select: { id: true } });
  await revokeClients(tx, clients.map((c) => c.id));
  return clients.length;
}

async function revokeClients(tx: Tx, ids: string[]) {
  if (ids.length === 0) return;
  const now = new Date();
  await tx.oAuthToken.updateMany({ where: { apiClientId: { in: ids }, revokedAt: null }, data: { revokedAt: now } });
  await tx.oAuthAuthorizationCode.updateMany({ where: { apiClientId: { in: ids }, usedAt: null }, data: { usedAt: now } });
  await tx.apiClient.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
}
