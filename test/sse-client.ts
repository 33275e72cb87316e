// Reading a Server-Sent Events stream with fetch, as a browser's EventSource would.

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

/** Opens a stream; `frames` fills as blocks arrive. */
export async function openStream(base: string, path: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${base}${path}`, { headers, signal: abort.signal });
  const frames: Frame[] = [];
  let ended = false;
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at = buffer.indexOf("\n\n");
        while (at >= 0) {
          const frame: Frame = { comments: [] };
          for (const line of buffer.slice(0, at).split("\n")) {
            if (line.startsWith(":")) frame.comments.push(line.slice(1).trim());
            else {
              const [field, ...rest] = line.split(": ");
              (frame as unknown as Record<string, string>)[field ?? ""] = rest.join(": ");
            }
          }
          frames.push(frame);
          buffer = buffer.slice(at + 2);
          at = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  return {
    response,
    frames,
    events: () => frames.filter((f) => f.event),
    ended: () => ended,
    async close() {
      abort.abort();
      await pump;
    },
  };
}
