// Progress of a long command on stderr: a redrawn bar on a terminal, a plain line now and then
// otherwise (so logs and CI output stay readable).

export interface Progress {
  /** `total` null: still counting (the first pass of an import). */
  update(done: number, total: number | null): void;
  /** Ends the bar's line. */
  finish(): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;
const WIDTH = 24;
/** Without a terminal: one line per tenth of the work, or per this many records while counting. */
const PLAIN_COUNT_STEP = 50_000;

/** A count as the command line prints it ("12,479"). */
export const formatCount = (n: number) => n.toLocaleString("en-US");

/** A bar like `checking [#########---------] 45% 4,500/10,000 2,300/s`. */
export function progressBar(
  label: string,
  done: number,
  total: number | null,
  perSecond: number,
): string {
  const rate = perSecond > 0 ? ` ${formatCount(Math.round(perSecond))}/s` : "";
  if (total === null || total === 0) return `${label}: ${formatCount(done)} records${rate}`;
  const share = Math.min(1, done / total);
  const filled = Math.round(share * WIDTH);
  const bar = `${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}`;
  return `${label} [${bar}] ${Math.floor(share * 100)}% ${formatCount(done)}/${formatCount(total)}${rate}`;
}

export function createProgress(
  label: string,
  out: Output = process.stderr,
  now = () => Date.now(),
): Progress {
  const started = now();
  let lastDraw = 0;
  let lastTenth = -1;
  let lastCount = 0;
  let drawn = false;
  let phase: "counting" | "writing" = "counting";
  const rate = (done: number) => (done * 1000) / Math.max(1, now() - started);
  return {
    update(done, total) {
      const nextPhase = total === null ? "counting" : "writing";
      if (out.isTTY) {
        if (now() - lastDraw < REDRAW_MS && nextPhase === phase && done !== total) return;
        lastDraw = now();
        phase = nextPhase;
        const line = progressBar(
          nextPhase === "counting" ? `${label}: checking` : label,
          done,
          total,
          rate(done),
        );
        out.write(
          `\r${line.slice(0, (out.columns ?? 80) - 1).padEnd(Math.min(79, (out.columns ?? 80) - 1))}`,
        );
        drawn = true;
        return;
      }
      if (total === null) {
        if (done - lastCount < PLAIN_COUNT_STEP) return;
        lastCount = done;
        out.write(`${progressBar(`${label}: checked`, done, null, 0)}\n`);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`${progressBar(label, done, total, rate(done))}\n`);
    },
    finish() {
      if (drawn) out.write("\n");
      drawn = false;
    },
  };
}
