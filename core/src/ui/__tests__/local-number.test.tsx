import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocalNumber } from "../local-number";

// The server's HTML is the same on every server (en-US); the browser re-formats after hydration.
describe("LocalNumber on the server", () => {
  it("renders en-US grouping inside <data> carrying the raw value", () => {
    expect(renderToString(<LocalNumber value={12345} />)).toBe('<data value="12345">12,345</data>');
  });

  it("renders money from minor units and compact figures", () => {
    expect(renderToString(<LocalNumber value={2999} money="USD" />)).toContain(">$29.99</data>");
    expect(renderToString(<LocalNumber value={15300} compact />)).toContain(">15.3K</data>");
  });
});
