import { describe, expect, it } from "vitest";
import { consoleSignInLink } from "../console-link";

describe("consoleSignInLink", () => {
  it("names the organization on the control plane's console sign-in", () => {
    expect(consoleSignInLink("http://localhost:3000", "aurora-records")).toBe(
      "http://localhost:3000/console/sign-in?org=aurora-records",
    );
    expect(consoleSignInLink("https://control.musicalwheel.com", "acme")).toBe(
      "https://control.musicalwheel.com/console/sign-in?org=acme",
    );
  });

  it("ignores any path on the configured origin and encodes the slug", () => {
    expect(consoleSignInLink("https://cp.example/some/path", "a&b")).toBe(
      "https://cp.example/console/sign-in?org=a%26b",
    );
  });
});
