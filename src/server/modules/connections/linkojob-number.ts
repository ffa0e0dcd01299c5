/**
 * Whether a connection is to one of LinkoJob's own numbers (lent to the client, on LinkoJob's
 * shared WABA) rather than the client's own: only those carry a template name prefix.
 */
export const isLinkojobNumber = (row: { templateNamePrefix: string | null }): boolean =>
  row.templateNamePrefix !== null;
