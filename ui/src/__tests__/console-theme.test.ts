import { readFileSync } from "node:fs";
import { compileThemeCss, validateThemeContrast } from "@mw/themes";
import { describe, expect, it } from "vitest";
import { isActive } from "../components/app-shell";
import { CONSOLE_THEME } from "../console-theme";

describe("console theme", () => {
  it("the stylesheet is the console tokens compiled (rerun ui/scripts/write-console-theme.ts after a change)", () => {
    const css = readFileSync(new URL("../console-theme.css", import.meta.url), "utf8");
    expect(css.replace(/^\/\*.*\*\/\n/, "")).toBe(compileThemeCss(CONSOLE_THEME));
  });

  it("passes the contrast rules every tenant theme must pass, in both modes", () => {
    expect(validateThemeContrast(CONSOLE_THEME)).toEqual([]);
  });
});

describe("navigation active state", () => {
  it("marks a section on its own pages, an overview only on itself", () => {
    expect(isActive("/console/roles/rol_1", { href: "/console/roles" })).toBe(true);
    expect(isActive("/console/roles", { href: "/console/roles" })).toBe(true);
    expect(isActive("/console/rolesx", { href: "/console/roles" })).toBe(false);
    expect(isActive("/console/roles", { href: "/console", exact: true })).toBe(false);
    expect(isActive("/console", { href: "/console", exact: true })).toBe(true);
    // Nested routes that live outside the entry's own path.
    const tenants = { href: "/staff", exact: true, also: ["/staff/tenants"] };
    expect(isActive("/staff/tenants/ten_1", tenants)).toBe(true);
    expect(isActive("/staff/tenants", tenants)).toBe(true);
    expect(isActive("/staff/tenantsx", tenants)).toBe(false);
    expect(isActive("/staff/runs/run_1", tenants)).toBe(false);
  });
});
