// Request and response shapes of the need-thread API (also imported by the web client).
import { z } from "zod";

export const MESSAGE_MAX = 2000;

export const threadParams = z.strictObject({ groupId: z.uuid(), needId: z.uuid() });

export const postMessageRequest = z.strictObject({
  body: z.string().trim().min(1).max(MESSAGE_MAX),
});

/** The status link's token, as it arrives from the page's #fragment. */
export const threadByTokenRequest = z.strictObject({ token: z.string().min(1).max(100) });

export const postMessageByTokenRequest = z.strictObject({
  token: z.string().min(1).max(100),
  body: z.string().trim().min(1).max(MESSAGE_MAX),
});

/** One message: who wrote it by side, a first name for the group's side; never contact details. */
export const messageView = z.object({
  id: z.uuid(),
  from: z.enum(["requester", "volunteer", "coordinator"]),
  name: z.string().nullable(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  mine: z.boolean(),
});
export type MessageView = z.infer<typeof messageView>;

export const threadResponse = z.object({
  needId: z.uuid(),
  /** False once the need is closed or its personal data redacted: no new messages. */
  open: z.boolean(),
  messages: z.array(messageView),
});
export type ThreadResponse = z.infer<typeof threadResponse>;

export const postMessageResponse = messageView;
