import { describe, expect, it } from "vitest";
import {
  afterFailedSignIn,
  channelsNeedingPhone,
  cleanLanguages,
  isLocked,
  isPhoneNumber,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  type LockState,
  mailLanguage,
  orphanedByDeparture,
} from "./model";

const now = new Date("2026-01-15T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("lockout", () => {
  it("locks on the fifth consecutive failure, once", () => {
    let state: LockState = { failedSignIns: 0, lockedUntil: null };
    const locks: boolean[] = [];
    for (let i = 0; i < LOCKOUT_THRESHOLD + 2; i++) {
      const next = afterFailedSignIn(state, now);
      locks.push(next.justLocked);
      state = next;
    }
    expect(locks).toEqual([false, false, false, false, true, false, false]);
    expect(state.lockedUntil).toEqual(later(LOCKOUT_MS));
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, later(LOCKOUT_MS))).toBe(false);
  });

  it("starts a fresh count once a lock has run out", () => {
    const expired: LockState = { failedSignIns: 5, lockedUntil: now };
    const next = afterFailedSignIn(expired, later(1));
    expect(next).toEqual({ failedSignIns: 1, lockedUntil: null, justLocked: false });
  });
});

describe("phone numbers", () => {
  it.each([
    ["+1 (555) 123-4567", true],
    ["555.123.4567", true],
    ["+52 55 1234 5678", true],
    ["12345", false],
    ["1234567890123456", false],
    ["call me", false],
    ["+1 555 CALL-NOW", false],
  ])("%s is a phone number: %s", (value, expected) => {
    expect(isPhoneNumber(value)).toBe(expected);
  });

  it("needs a phone for text messages and calls, not for email", () => {
    expect(channelsNeedingPhone({ channels: ["email"] }, null)).toEqual([]);
    expect(channelsNeedingPhone({ channels: ["sms", "email", "phone"] }, null)).toEqual([
      "sms",
      "phone",
    ]);
    expect(channelsNeedingPhone({ channels: ["sms"] }, "555 123 4567")).toEqual([]);
  });
});

describe("languages", () => {
  it("mails in the first known language, else the request's", () => {
    expect(mailLanguage(["es", "en"], "en")).toBe("es");
    expect(mailLanguage(["fr", "en"], "es")).toBe("en");
    expect(mailLanguage([], "es")).toBe("es");
  });

  it("keeps known languages once each", () => {
    expect(cleanLanguages(["es", "xx", "es", "en"])).toEqual(["es", "en"]);
  });
});

it("names the groups and networks a departure would leave without an admin", () => {
  expect(
    orphanedByDeparture([
      { id: "a", admins: 1 },
      { id: "b", admins: 2 },
    ]),
  ).toEqual(["a"]);
});
