-- A batch's new words are checked against the parts of the batch's chats only, read once through
-- their index. Asked per word of each message (NOT EXISTS on all of conversation_search), each
-- word probed its chat's parts again, and the same statement planned with its values hashed the
-- whole table for the anti-join (230 ms). In a client of 100,000 chats, for 200 messages of five
-- words: 28-34 ms before, 16-17 ms this way, most of it now the parts' insert.
CREATE OR REPLACE FUNCTION conversation_search_add(chats uuid[], clients uuid[], texts text[]) RETURNS void
LANGUAGE sql AS $$
	WITH given AS (
		SELECT DISTINCT m.chat, m.client, w
		FROM unnest(chats, clients, texts) AS m(chat, client, search_text), lj_search_words(m.search_text) AS w
	), known AS MATERIALIZED (
		SELECT s.conversation_id, s.words FROM conversation_search s WHERE s.conversation_id = ANY (chats)
	)
	INSERT INTO conversation_search (conversation_id, client_id, words)
	SELECT n.chat, n.client, ' ' || string_agg(n.w, ' ') || ' '
	FROM given AS n
	WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.conversation_id = n.chat
		AND strpos(k.words, ' ' || n.w || ' ') > 0)
	GROUP BY n.chat, n.client
$$;
