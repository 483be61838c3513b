export * from "./resend/index";
export { createClock, type EmulatorClock } from "./shared/clock";
export * from "./stripe/index";
export * from "./vercel/index";
