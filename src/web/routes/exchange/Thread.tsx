// A need's masked thread: the same component for the group's side (the volunteer holding the
// claim, coordinators) and the requester's side (the status link). It polls for new messages,
// announces the ones others write in a polite live region, and keeps focus in the text box
// after sending. Names are first names only; contact details never pass through here.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, StatusMessage, SubmitButton, TextArea } from "../../components/forms";
import { currentLanguage } from "../../i18n";
import { describeError } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import type { MessageView, ThreadResponse } from "./needsApi";

const MESSAGE_MAX = 2000;
/** How often the thread looks for new messages. */
export const THREAD_POLL_MS = 15_000;

export function Thread({
  queryKey,
  load,
  send,
  reader,
}: {
  queryKey: readonly unknown[];
  load: (signal: AbortSignal) => Promise<ThreadResponse>;
  send: (body: string) => Promise<MessageView>;
  /** Who reads: decides how the other side is named. */
  reader: "requester" | "group";
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [text, setText] = useState("");
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const inputId = `${headingId}-text`;
  const focusInput = () => document.getElementById(inputId)?.focus();
  const seen = useRef<Set<string> | null>(null);

  const thread = useQuery({
    queryKey,
    queryFn: ({ signal }) => load(signal),
    refetchInterval: THREAD_POLL_MS,
  });

  // Announce messages from others that arrived since the last look (not those on first load).
  useEffect(() => {
    const messages = thread.data?.messages;
    if (!messages) return;
    if (seen.current === null) {
      seen.current = new Set(messages.map((m) => m.id));
      return;
    }
    const fresh = messages.filter((m) => !seen.current?.has(m.id));
    for (const m of messages) seen.current.add(m.id);
    const fromOthers = fresh.filter((m) => !m.mine);
    if (fromOthers.length > 0) {
      setAnnouncement(t("board.thread.arrived", { count: fromOthers.length }));
    }
  }, [thread.data, t]);

  const sending = useMutation({
    mutationFn: (body: string) => send(body),
    onSuccess: (message) => {
      seen.current?.add(message.id);
      queryClient.setQueryData<ThreadResponse>(queryKey, (old) =>
        old ? { ...old, messages: [...old.messages, message] } : old,
      );
      setText("");
      setAnnouncement(t("board.thread.sent"));
      focusInput();
    },
    onError: () => void queryClient.invalidateQueries({ queryKey }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (sending.isPending) return;
    const body = text.trim();
    if (!body) {
      focusInput();
      return;
    }
    sending.mutate(body);
  }

  function author(message: MessageView): string {
    if (message.mine) return t("board.thread.you");
    if (message.from === "requester") return t("board.thread.requester");
    const role =
      message.from === "volunteer" ? t("board.thread.volunteer") : t("board.thread.coordinator");
    return message.name ? t("board.thread.named", { name: message.name, role }) : role;
  }

  return (
    <section className="section thread" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("board.thread.title")}</h2>
      <p className="muted">
        {reader === "requester" ? t("board.thread.leadRequester") : t("board.thread.leadGroup")}
      </p>
      {thread.isPending ? (
        <p>{t("board.thread.loading")}</p>
      ) : thread.isError ? (
        <ErrorSummary error={describeError(thread.error, t)} focus={false} />
      ) : thread.data.messages.length === 0 ? (
        <p className="empty">{t("board.thread.empty")}</p>
      ) : (
        <ol className="timeline thread-messages">
          {thread.data.messages.map((message) => (
            <li key={message.id} className={message.mine ? "thread-mine" : undefined}>
              <p className="timeline-label">
                <strong>{author(message)}</strong>{" "}
                <time className="timeline-time muted" dateTime={message.createdAt}>
                  {formatDateTime(message.createdAt, language)}
                </time>
              </p>
              <p className="need-description">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <StatusMessage>{announcement}</StatusMessage>
      {thread.data?.open === false ? (
        <p className="muted">{t("board.thread.closed")}</p>
      ) : thread.data ? (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={sending.error ? describeError(sending.error, t) : null} />
          <TextArea
            id={inputId}
            label={t("board.thread.label")}
            hint={t("board.thread.hint")}
            value={text}
            onValue={setText}
            maxLength={MESSAGE_MAX}
            rows={3}
          />
          <SubmitButton pending={sending.isPending} pendingLabel={t("board.thread.sending")}>
            {t("board.thread.send")}
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
