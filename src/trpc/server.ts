import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

/** tRPC for server components: same procedures, same checks, no HTTP hop. */
export const serverCaller = cache(async () => createCaller(await createContext({ headers: await headers() })));
