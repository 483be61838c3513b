import { freePort } from "@mw/core/testing/net";

/**
 * The e2e platform's ports: free ones, chosen by the global setup for each run (fixed ports
 * collided with other local instances) and handed to the test workers through the environment.
 */
interface Ports {
  controlPlanePort: number;
  tenantAppPort: number;
  resendEmulatorPort: number;
  vercelEmulatorPort: number;
  pgPort: number;
  workerHttpPort: number;
}

const VAR = "MW_E2E_PORTS";

function ports(): Ports {
  const raw = process.env[VAR];
  if (!raw) throw new Error(`${VAR} is not set: the e2e global setup chooses the ports`);
  return JSON.parse(raw) as Ports;
}

export const E2E = {
  get controlPlanePort() {
    return ports().controlPlanePort;
  },
  get tenantAppPort() {
    return ports().tenantAppPort;
  },
  get resendEmulatorPort() {
    return ports().resendEmulatorPort;
  },
  get vercelEmulatorPort() {
    return ports().vercelEmulatorPort;
  },
  get pgPort() {
    return ports().pgPort;
  },
  get workerHttpPort() {
    return ports().workerHttpPort;
  },
  dataDir: ".data/e2e",
  stateFile: ".data/e2e-state.json",
  logFile: ".data/e2e-apps.log",
};

/** Chooses this run's ports (distinct, free now) and publishes them to the workers. */
export async function choosePorts(): Promise<Ports> {
  const chosen = new Set<number>();
  while (chosen.size < 6) chosen.add(await freePort());
  const [controlPlanePort, tenantAppPort, resendEmulatorPort, vercelEmulatorPort, pgPort, workerHttpPort] = [
    ...chosen,
  ] as [number, number, number, number, number, number];
  const p = { controlPlanePort, tenantAppPort, resendEmulatorPort, vercelEmulatorPort, pgPort, workerHttpPort };
  process.env[VAR] = JSON.stringify(p);
  return p;
}

export const tenantUrl = (slug: string, path = "/") => `http://${slug}.localhost:${E2E.tenantAppPort}${path}`;
export const controlUrl = (path = "/") => `http://localhost:${E2E.controlPlanePort}${path}`;

export { freePort };
