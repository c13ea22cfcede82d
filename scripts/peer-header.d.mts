import type { IncomingMessage } from "node:http";
export function installPeerHeader(): string;
export function stampPeer(req: IncomingMessage, name: string | undefined): void;
