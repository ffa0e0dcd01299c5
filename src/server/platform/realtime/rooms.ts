/** Every socket of a client (users' tabs and API-key integrations): domain events go here. */
export const clientRoom = (clientId: string) => `client:${clientId}`;

/** Every tab of one user. */
export const userRoom = (userId: string) => `user:${userId}`;

/** Tabs that have a conversation open (typing indicators); joined only after a tenant check. */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;

/** The tabs opened with one session: logout disconnects them, on every instance. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The sockets opened with one API key: revocation disconnects them, on every instance. */
export const apiKeyRoom = (keyId: string) => `api-key:${keyId}`;
