import type { MessagePage, MessageResponse } from "../../src/contracts/messages";
import type { Caller } from "./factories";

/** A message as the API shows it in its conversation's latest page (what a recruiter sees). */
export async function messageOf(
  session: Caller,
  conversationId: string,
  id: string,
): Promise<MessageResponse> {
  const page = (await session.get(`/api/messages/${conversationId}`)).json<MessagePage>();
  const message = page.messages.find((m) => m.id === id);
  if (!message) throw new Error(`message ${id} is not in the latest page of conversation ${conversationId}`);
  return message;
}

/** Several messages, each read back by its id and conversation (as the send answered them). */
export async function messagesOf(session: Caller, messages: { id: string; conversationId: string }[]) {
  const found: MessageResponse[] = [];
  for (const { id, conversationId } of messages) found.push(await messageOf(session, conversationId, id));
  return found;
}
