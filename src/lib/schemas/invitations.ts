import { z } from "zod";
import { ROLES } from "@/lib/roles";

export const inviteInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Ingresá un e-mail válido")),
  role: z.enum(ROLES, { message: "Elegí un rol" }),
});
export type InviteInput = z.infer<typeof inviteInput>;

/** The token from an invitation link (base64url, 43 characters). */
export const invitationTokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "El enlace no es válido") });
