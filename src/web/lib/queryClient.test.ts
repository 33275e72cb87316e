import { afterEach, describe, expect, it } from "vitest";
import { ProblemError, toProblem } from "./api";
import { forgetPreviousPerson, queryClient, shouldRetry } from "./queryClient";
import type { Session } from "./session";
import type { Me } from "./types";

const me = (id: string) => ({ status: "signedIn", me: { id } as Me }) as Session;
const loading: Session = { status: "loading" };
const signedOut: Session = { status: "signedOut" };

afterEach(() => queryClient.clear());

describe("the cache and the person using it", () => {
  it("keeps answers when the first check says who is signed in", () => {
    queryClient.setQueryData(["groups", "g1"], { name: "Eastside" });
    forgetPreviousPerson(me("a"), loading);
    forgetPreviousPerson(signedOut, { status: "unknown" });
    expect(queryClient.getQueryData(["groups", "g1"])).toEqual({ name: "Eastside" });
  });

  it("drops answers when someone signs out or another person signs in", () => {
    queryClient.setQueryData(["groups", "g1"], { name: "Eastside" });
    forgetPreviousPerson(signedOut, me("a"));
    expect(queryClient.getQueryData(["groups", "g1"])).toBeUndefined();
    queryClient.setQueryData(["groups", "g1"], { name: "Eastside" });
    forgetPreviousPerson(me("b"), signedOut);
    expect(queryClient.getQueryData(["groups", "g1"])).toBeUndefined();
  });

  it("asks again only when asking again can help", () => {
    const refused = new ProblemError(toProblem({ code: "forbidden" }, 403));
    const down = new ProblemError(toProblem(undefined, 503));
    expect(shouldRetry(0, refused)).toBe(false);
    expect(shouldRetry(0, down)).toBe(true);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetry(2, down)).toBe(false);
  });
});
