export * from "./resend/index";
export { createClock, type EmulatorClock } from "./shared/clock";
export * from "./vercel/index";
