export { randomToken, sha256Hex } from "./tokens";
