import { TEMPLATE_LIMITS } from "../../../contracts/template-rules";

/**
 * Template names on a shared WhatsApp Business Account (LinkoJob's own numbers, lent to clients).
 *
 * Templates belong to a WABA, not to a number: every client holding one of LinkoJob's numbers
 * reaches the same templates at Meta. So a client's template is stored here under the client's
 * own name and lives at Meta as `<prefix><name>`, the prefix being the client's (`lj` and the
 * client's id in hex, then `_`). The prefix is derived from the client id, so it is unique by
 * construction, the same for all of a client's LinkoJob numbers, and survives a number's release
 * and a new assignment; it uses only what Meta allows in a name (lowercase letters, digits, `_`),
 * and the operator reading WhatsApp Manager can tell whose a template is. A connection carries
 * its prefix (`template_name_prefix`) only when its WABA is shared; on a client's own WABA the
 * names at Meta are the client's names. Meta's names never reach the client: every Graph call
 * that names a template goes through `metaTemplateName`, every name read from Meta through
 * `clientTemplateName`, which also drops the templates that are not this client's.
 */
export function templateNamePrefixOf(clientId: string): string {
  return `lj${clientId.replace(/-/g, "").toLowerCase()}_`;
}

interface Named {
  templateNamePrefix: string | null;
}

/** The name Meta knows a client's template by, on this connection's WABA. */
export function metaTemplateName(connection: Named, name: string): string {
  return `${connection.templateNamePrefix ?? ""}${name}`;
}

/**
 * The client's name of a template Meta names so, or null when the template is not this
 * connection's client's (another client's, or LinkoJob's own, on a shared WABA).
 */
export function clientTemplateName(connection: Named, metaName: string): string | null {
  const prefix = connection.templateNamePrefix;
  if (!prefix) return metaName;
  if (!metaName.startsWith(prefix) || metaName.length === prefix.length) return null;
  return metaName.slice(prefix.length);
}

/** The longest name a client may give a template on this connection (Meta's limit, less the prefix). */
export function templateNameMax(connection: Named): number {
  return TEMPLATE_LIMITS.nameMax - (connection.templateNamePrefix?.length ?? 0);
}
