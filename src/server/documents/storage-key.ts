/** One stored object per (tenant, content): the same bytes in one tenant are one document. */
export function documentStorageKey(tenantId: string, sha256: string): string {
  return `documents/${tenantId}/${sha256}`;
}
