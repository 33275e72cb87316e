import { getResolution } from "h3-js";
import { describe, expect, it } from "vitest";
import { cellsOf, contactHash, newShortCode, SHORT_CODE_ALPHABET } from "./intake";

describe("intake rules", () => {
  it("short codes are 8 characters of an alphabet without look-alikes", () => {
    for (let i = 0; i < 200; i++) {
      const code = newShortCode();
      expect(code).toHaveLength(8);
      for (const ch of code) expect(SHORT_CODE_ALPHABET).toContain(ch);
    }
    expect(SHORT_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("the contact hash ignores phone formatting and email case, prefers the phone", () => {
    const phone = contactHash({ phone: "+1 (650) 555-0101" });
    expect(phone).toBe(contactHash({ phone: "1 650 555 0101" }));
    expect(phone).toBe(contactHash({ phone: "16505550101", email: "x@example.org" }));
    expect(contactHash({ email: " Ana@Example.org " })).toBe(
      contactHash({ email: "ana@example.org" }),
    );
    expect(contactHash({})).toBeNull();
  });

  it("a point becomes cells of resolutions 7, 8 and 9; no point, no cells", () => {
    const cells = cellsOf({ lat: 19.4326, lng: -99.1332 });
    expect([cells.h3r7, cells.h3r8, cells.h3r9].map((c) => getResolution(c as string))).toEqual([
      7, 8, 9,
    ]);
    expect(cellsOf(null)).toEqual({ h3r7: null, h3r8: null, h3r9: null });
  });
});
