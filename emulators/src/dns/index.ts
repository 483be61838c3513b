export { DnsZone, handleDohQuery, normalizeName } from "./zone";
