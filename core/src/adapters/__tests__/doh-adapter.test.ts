import { startVercelEmulator, type VercelEmulator } from "@mw/emulators/vercel";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DnsLookupError } from "../../ports/dns";
import { createDohTxtResolver, parseTxtData } from "../doh";

describe("parseTxtData", () => {
  it.each([
    ['"musicalwheel-verify=abc"', "musicalwheel-verify=abc"],
    ['"v=spf1 " "include:_spf.example.com -all"', "v=spf1 include:_spf.example.com -all"],
    ['"say \\"hi\\" \\\\ bye"', 'say "hi" \\ bye'],
    ['"caf\\195\\169"', "café"],
    ["unquoted", "unquoted"],
  ])("%s → %j", (data, value) => {
    expect(parseTxtData(data)).toBe(value);
  });
});

describe("createDohTxtResolver against the emulated DNS (DoH JSON)", () => {
  let emulator: VercelEmulator;
  beforeAll(async () => {
    emulator = await startVercelEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  beforeEach(() => emulator.clear());

  it("reads every TXT value at a name, and nothing at a name that does not exist", async () => {
    const dns = createDohTxtResolver({ url: `${emulator.url}/dns-query` });
    const long = "x".repeat(300);
    emulator.setTxtRecord("_musicalwheel.music.acme.com", ["musicalwheel-verify=one", `quote " and ${long}`]);
    expect(await dns.resolveTxt("_MusicalWheel.music.acme.com.")).toEqual([
      "musicalwheel-verify=one",
      `quote " and ${long}`,
    ]);
    expect(await dns.resolveTxt("_musicalwheel.nothing.acme.com")).toEqual([]);
  });

  it("answers the DoH JSON shape public resolvers use", async () => {
    emulator.setTxtRecord("a.example.com", ["v"]);
    const res = await fetch(`${emulator.url}/dns-query?name=a.example.com&type=TXT`, {
      headers: { accept: "application/dns-json" },
    });
    expect(res.headers.get("content-type")).toBe("application/dns-json");
    expect(await res.json()).toEqual({
      Status: 0,
      TC: false,
      RD: true,
      RA: true,
      AD: false,
      CD: false,
      Question: [{ name: "a.example.com.", type: 16 }],
      Answer: [{ name: "a.example.com.", type: 16, TTL: 300, data: '"v"' }],
    });
    const bad = await fetch(`${emulator.url}/dns-query?type=TXT`);
    expect(bad.status).toBe(400);
  });

  it("fails with DnsLookupError when the resolver cannot be reached", async () => {
    const dns = createDohTxtResolver({ url: "http://127.0.0.1:9/dns-query", timeoutMs: 2_000 });
    await expect(dns.resolveTxt("a.example.com")).rejects.toBeInstanceOf(DnsLookupError);
  });
});
