/**
 * Changing a preset connector's parameters after creation (a different purchases account, the
 * Alegra tax for another IVA rate): the same checks as at creation, every problem on its field,
 * nothing saved when one fails. The next export uses the new values; what was exported stays as sent.
 */
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError, throwIfFieldErrors, type FieldErrors } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { connectorView } from "../connector-view";
import { findConnector } from "../manage-connectors";
import { parameterValue, presetParameters } from "./create";
import { presetByKey } from "./index";

export const presetParametersInput = z.object({
  id: z.string().min(1),
  parameters: z.record(z.string(), parameterValue),
});
export type PresetParametersInput = z.input<typeof presetParametersInput>;

export async function updatePresetParameters(scope: TenantScope, raw: PresetParametersInput) {
  const input = presetParametersInput.parse(raw);
  const connector = await findConnector(scope, input.id);
  const preset = connector.presetKey ? presetByKey(connector.presetKey) : undefined;
  if (!preset) {
    throw new AppError("BAD_REQUEST", `«${connector.name}» no se creó desde un sistema de la galería: no tiene datos de cuenta para cambiar. Editá su mapeo en el formulario del conector.`);
  }
  const errors: FieldErrors = {};
  const parameters = presetParameters(preset, input.parameters, errors);
  throwIfFieldErrors(errors);
  const [updated] = await db().apiConnector.updateManyAndReturn({ where: scoped(scope, { id: connector.id }), data: { parameters: parameters as Prisma.InputJsonValue } });
  if (!updated) throw AppError.notFound("Conector");
  return connectorView(updated);
}
