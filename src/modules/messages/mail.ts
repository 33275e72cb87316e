// The emails a new message sends, in each recipient's language, from the messages catalog. They
// carry the message and the writer's first name, never the other side's email or phone.
import { isLanguage, type Language, translate } from "../../lib/i18n";
import type { MailMessage } from "../../lib/mail";
import { firstName } from "./present";

export function languageOf(...candidates: (readonly string[])[]): Language {
  for (const list of candidates) {
    const first = list.find(isLanguage);
    if (first) return first;
  }
  return "en";
}

/** To the requester: the status link is not stored, so they are pointed to the one they got. */
export function mailToRequester(
  language: Language,
  to: string,
  message: { authorKind: "volunteer" | "coordinator"; authorName: string | null; body: string },
  need: { category: string },
  group: { name: string },
): MailMessage {
  const params = {
    sender:
      firstName(message.authorName) ??
      translate(language, `messages.mail.someone.${message.authorKind}`),
    group: group.name,
    category: translate(language, `exchange.categories.${need.category}`),
    body: message.body,
  };
  return {
    to,
    subject: translate(language, "messages.mail.toRequester.subject", params),
    text: translate(language, "messages.mail.toRequester.text", params),
  };
}

/** To the volunteer holding the claim, or the coordinators: a link to the need in the group. */
export function mailToGroup(
  language: Language,
  to: { email: string; name: string },
  message: { body: string },
  need: { category: string },
  group: { name: string },
  link: string,
): MailMessage {
  const params = {
    name: firstName(to.name) ?? "",
    group: group.name,
    category: translate(language, `exchange.categories.${need.category}`),
    body: message.body,
    link,
  };
  return {
    to: to.email,
    subject: translate(language, "messages.mail.toGroup.subject", params),
    text: translate(language, "messages.mail.toGroup.text", params),
  };
}
