import type { Metadata } from "next";
import { SectionEmpty } from "@/components/shell/section-empty";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireRole(ADMIN_ROLES);
  return <SectionEmpty section="webhooks" />;
}
