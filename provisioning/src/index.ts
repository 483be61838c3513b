export { DEMO_TENANTS, seedDemo } from "./demo-seed";
