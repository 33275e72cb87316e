import { describe, expect, it } from "vitest";
import { safeNext, tokenFromFragment } from "./navigation";

describe("safeNext", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNext("/groups/1/members?x=1#top")).toBe("/groups/1/members?x=1#top");
    expect(safeNext("/join", "/profile")).toBe("/join");
  });

  it("never sends anyone to another site", () => {
    for (const next of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "groups",
      "/x\\y",
      "/x\u0000",
      "",
      null,
      undefined,
    ]) {
      expect(safeNext(next, "/profile")).toBe("/profile");
    }
  });
});

describe("tokenFromFragment", () => {
  const token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ_-0123";

  it("reads account links (#token=…) and invitation links (#…)", () => {
    expect(tokenFromFragment(`#token=${token}`)).toBe(token);
    expect(tokenFromFragment(`#${token}`)).toBe(token);
    expect(tokenFromFragment(`token=${token}&x=1`)).toBe(token);
  });

  it("refuses empty or malformed fragments", () => {
    expect(tokenFromFragment("")).toBeNull();
    expect(tokenFromFragment("#")).toBeNull();
    expect(tokenFromFragment("#token=")).toBeNull();
    expect(tokenFromFragment("#main")).toBeNull();
    expect(tokenFromFragment("#token=<script>alert(1)</script>")).toBeNull();
  });
});
