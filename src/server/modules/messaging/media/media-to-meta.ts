import type { ServerDeps } from "../../../deps";
import { tenantRepositories } from "../../tenant-repositories";
import type { StoredContent } from "../messages.presenter";
import type { MessageRow } from "../messages.repository";

/**
 * A file goes to Meta from the number that sends it (Meta keeps it 30 days); uploaded once, its
 * id is reused by a retry. Null for a message without a file.
 */
export async function uploadedToMeta(
  deps: ServerDeps,
  message: MessageRow,
  credentials: { phoneNumberId: string; token: string },
): Promise<string | null> {
  const content = (message.content as unknown as StoredContent).content;
  if (!("media" in content) || !content.media.id) return null;
  const repos = tenantRepositories(deps.database.db, message.clientId);
  const file = await repos.messages.findMedia(content.media.id);
  if (!file?.storageKey) throw new Error("the file to send is missing");
  if (file.metaMediaId) return file.metaMediaId;
  const stored = await deps.media.open(file.storageKey);
  if (!stored) throw new Error("the file to send is missing from storage");
  const chunks: Buffer[] = [];
  for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
  const metaMediaId = await deps.graph.uploadMedia(credentials.phoneNumberId, credentials.token, {
    bytes: Buffer.concat(chunks),
    mimeType: file.mimeType ?? "application/octet-stream",
    filename: file.filename ?? `file-${file.id}`,
  });
  await repos.messages.updateMedia(file.id, { metaMediaId });
  return metaMediaId;
}
