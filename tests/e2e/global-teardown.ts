import { closeSync } from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const p = (globalThis as { __mwPlatform?: { stop(): Promise<void>; fd: number } }).__mwPlatform;
  if (!p) return;
  await p.stop();
  closeSync(p.fd);
}
