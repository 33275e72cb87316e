// The progress of long commands: a bar on a terminal, plain lines in logs.
import { describe, expect, it } from "vitest";
import { createProgress, progressBar } from "./progress";

describe("the command line's progress", () => {
  it("draws a bar with counts and rate", () => {
    expect(progressBar("importing", 450, 1000, 2300)).toBe(
      "importing [###########-------------] 45% 450/1,000 2,300/s",
    );
    expect(progressBar("checking", 1200, null, 0)).toBe("checking: 1,200 records");
  });

  it("prints a plain line per tenth without a terminal", () => {
    const lines: string[] = [];
    const progress = createProgress(
      "importing",
      { isTTY: false, write: (t) => lines.push(t) },
      () => 0,
    );
    for (let done = 1; done <= 100; done++) progress.update(done, 100);
    progress.finish();
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe("importing [########################] 100% 100/100 100,000/s\n");
  });
});
