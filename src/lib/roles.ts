/** Roles are shared by server checks and UI (hiding what a role cannot use). */
export const ROLES = ["OWNER", "ADMIN", "ACCOUNTANT", "VIEWER"] as const;
export type RoleName = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly RoleName[] = ["OWNER", "ADMIN"];
export const WRITER_ROLES: readonly RoleName[] = ["OWNER", "ADMIN", "ACCOUNTANT"];

export function isAdminRole(role: RoleName): boolean {
  return ADMIN_ROLES.includes(role);
}

export const TENANT_COOKIE = "cf_tenant";
