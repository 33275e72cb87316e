import { describe, expect, it } from "vitest";
import { hashToken, isWellFormedToken, newToken, redactUrl } from "./tokens";

describe("tokens", () => {
  it("are 256-bit, URL-safe, and stored only as a hash", () => {
    const token = newToken();
    expect(isWellFormedToken(token)).toBe(true);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken()).not.toBe(token);
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken(`${token}x`)).toBe(false);
  });

  it("never reach the logs", () => {
    const token = newToken();
    expect(redactUrl(`/api/v1/invitations/${token}/accept?x=1`)).toBe(
      "/api/v1/invitations/[token]/accept?x=1",
    );
    expect(redactUrl("/api/v1/groups/0190f1c2-0000-7000-8000-000000000000")).toBe(
      "/api/v1/groups/0190f1c2-0000-7000-8000-000000000000",
    );
  });
});
