export { onParentExit, type ProcessGuard, processGuard } from "./guard";
