// The e2e platform's own ports, so it can run beside `npm start` (3000/3001/4010).
export const E2E = {
  controlPlanePort: 3200,
  tenantAppPort: 3201,
  resendEmulatorPort: 4210,
  vercelEmulatorPort: 4220,
  pgPort: 54359,
  dataDir: ".data/e2e",
  stateFile: ".data/e2e-state.json",
  logFile: ".data/e2e-apps.log",
} as const;

export const tenantUrl = (slug: string, path = "/") => `http://${slug}.localhost:${E2E.tenantAppPort}${path}`;
export const controlUrl = (path = "/") => `http://localhost:${E2E.controlPlanePort}${path}`;
