import { describe, expect, it } from "vitest";
import { FormParseError, parseForm } from "../form";

describe("Stripe form decoding", () => {
  it("decodes the SDK's indexed brackets into nested objects and arrays", () => {
    expect(
      parseForm(
        "customer=cus_1&items[0][price]=price_a&items[0][quantity]=3&items[1][price]=price_b&metadata[tenantId]=ten_1&expand[0]=latest_invoice",
      ),
    ).toEqual({
      customer: "cus_1",
      items: [{ price: "price_a", quantity: "3" }, { price: "price_b" }],
      metadata: { tenantId: "ten_1" },
      expand: ["latest_invoice"],
    });
  });

  it("takes empty brackets, encoded brackets, + as space, and keeps empty values", () => {
    expect(parseForm("lookup_keys[]=a&lookup_keys[]=b")).toEqual({ lookup_keys: ["a", "b"] });
    expect(parseForm("metadata%5Bnote%5D=two+words&description=")).toEqual({
      metadata: { note: "two words" },
      description: "",
    });
    expect(parseForm("items[10][price]=x&items[2][price]=y")).toEqual({ items: [{ price: "y" }, { price: "x" }] });
  });

  it("refuses malformed names and a key used both as a value and an object", () => {
    expect(() => parseForm("a]b=1")).not.toThrow();
    expect(() => parseForm("a[b=1")).toThrow(FormParseError);
    expect(() => parseForm("metadata=x&metadata[a]=1")).toThrow(FormParseError);
    expect(() => parseForm("a=%E0%A4%A")).toThrow(FormParseError);
  });
});
