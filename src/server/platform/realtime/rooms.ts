/** Every socket of a client (users' tabs and API-key integrations): domain events go here. */
export const clientRoom = (clientId: string) => `client:${clientId}`;

/** Every tab of one user. */
export const userRoom = (userId: string) => `user:${userId}`;

/** Tabs that have a conversation open (typing indicators); joined only after a tenant check. */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
