import { ErrorCode } from "../../../../contracts/errors";
import type { ServerDeps } from "../../../deps";
import { AppError } from "../../../platform/errors";
import { GraphError } from "../../../platform/graph/graph-error";
import { explain } from "../../../platform/graph/meta-errors";
import { markNeedsReconnect } from "../../connections/connection-health.service";
import { openToken } from "../../connections/connection-secrets";
import type { ConnectionRow } from "../../connections/connections.repository";

/** The number and token to send with, or an error saying why this connection cannot send now. */
export function sendingCredentials(
  deps: ServerDeps,
  connection: ConnectionRow,
): { phoneNumberId: string; token: string } {
  if (connection.state !== "active" || !connection.accessTokenSealed || !connection.phoneNumberId) {
    const reason =
      connection.state === "needs_reconnect"
        ? (connection.stateReason ?? "This WhatsApp connection needs to be reconnected")
        : `This WhatsApp connection is ${connection.state.replace("_", " ")}`;
    throw new AppError(ErrorCode.needsReconnect, reason, {
      connectionId: connection.id,
      state: connection.state,
    });
  }
  return {
    phoneNumberId: connection.phoneNumberId,
    token: openToken(deps.vault, connection.id, connection.accessTokenSealed),
  };
}

/** A token Meta refuses (190) flips the connection to "needs reconnect" so later sends fail at once. */
export async function handleTokenRefusal(
  deps: ServerDeps,
  connection: ConnectionRow,
  error: unknown,
): Promise<void> {
  if (error instanceof GraphError && error.reaction === "reconnect") {
    await markNeedsReconnect(
      deps.database.db,
      connection.clientId,
      connection.id,
      explain(error.code, error.message),
    );
  }
}
