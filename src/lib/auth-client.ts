"use client";
import { createAuthClient } from "better-auth/react";

/** Browser side of better-auth; same origin as the app. */
export const authClient = createAuthClient();
