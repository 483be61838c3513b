export { DEMO_PASSWORD, DEMO_TENANTS, seedDemo } from "./demo-seed";
