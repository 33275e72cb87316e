// Ctrl-C (or a service manager's SIGTERM) during an import: the first asks it to stop after the
// batch it is writing, so what was committed stays consistent and the import's row says how far
// it got; a second one quits at once.
export interface StopSignal {
  signal: AbortSignal;
  /** Removes the handlers (the command is over). */
  dispose(): void;
}

export function stopOnSignal(
  onFirst: () => void,
  proc: Pick<NodeJS.Process, "on" | "off" | "exit"> = process,
): StopSignal {
  const controller = new AbortController();
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      proc.exit(name === "SIGINT" ? 130 : 143);
      return;
    }
    controller.abort();
    onFirst();
  };
  proc.on("SIGINT", handler);
  proc.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose() {
      proc.off("SIGINT", handler);
      proc.off("SIGTERM", handler);
    },
  };
}

export const STOPPING_TEXT =
  "\nStopping after the batch being written (press Ctrl-C again to quit at once)…";

/** Exit code of a command stopped by the person running it (128 + SIGINT). */
export const STOPPED_EXIT_CODE = 130;
