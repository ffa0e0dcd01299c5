import { BASE_CSS } from "./styles";

const PHONE_CSS = `
body { background:#d9dbd5; }
.layout { display:grid; grid-template-columns: 280px 1fr; gap:20px; max-width:980px; margin:20px auto; padding:0 16px; }
.panel { background:#fff; border-radius:12px; padding:16px; box-shadow:0 2px 10px rgba(0,0,0,.08); align-self:start; }
.panel h2 { font-size:16px; margin:0 0 8px; }
.phone { background:#efeae2; border-radius:28px; border:10px solid #1f2c33; height:760px; display:flex; flex-direction:column;
  max-width:420px; overflow:hidden; }
.chat-head { background:#008069; color:#fff; padding:12px 16px; }
.chat-head small { display:block; opacity:.85; }
.chat { flex:1; overflow-y:auto; padding:12px; display:flex; flex-direction:column; gap:6px; }
.bubble { max-width:80%; padding:6px 10px 4px; border-radius:8px; box-shadow:0 1px 1px rgba(0,0,0,.12); white-space:pre-wrap;
  word-wrap:break-word; position:relative; }
.bubble.out { background:#fff; align-self:flex-start; }
.bubble.in { background:#d9fdd3; align-self:flex-end; }
.bubble .meta { display:flex; gap:6px; justify-content:flex-end; font-size:11px; color:#667781; margin-top:2px; }
.bubble .quote { border-left:3px solid #06cf9c; background:rgba(0,0,0,.05); padding:2px 6px; font-size:13px; margin-bottom:4px; }
.bubble img { max-width:100%; border-radius:6px; display:block; }
.bubble .tools { display:flex; gap:8px; font-size:12px; }
.bubble .tools button { background:none; border:0; color:#027eb5; padding:2px 0; font-weight:500; }
.reply-actions { display:flex; flex-direction:column; gap:4px; margin-top:6px; }
.reply-actions button { background:#fff; border:1px solid #d1d7db; color:#027eb5; font-weight:500; }
.composer { background:#f0f2f5; padding:8px; display:flex; flex-direction:column; gap:6px; }
.composer .row { display:flex; gap:6px; }
.composer input[type=text] { flex:1; border-radius:20px; }
.composer .send { border-radius:20px; background:#00a884; color:#fff; }
.replying[hidden] { display:none; }
.replying { font-size:13px; background:#fff; border-left:3px solid #06cf9c; padding:4px 8px; display:flex; justify-content:space-between; }
.tool-row button { background:#fff; border:1px solid #d1d7db; font-size:13px; padding:6px 10px; }
`;

/**
 * The candidate phone: pick the business number and the candidate, read the chat as the candidate
 * sees it, and answer with text, media, location, contacts, buttons, list rows, reactions,
 * quoted replies or STOP. It talks only to the control API.
 */
export function phonePage(): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Téléphone du candidat · simulateur</title><style>${BASE_CSS}${PHONE_CSS}</style></head>
<body>
<header class="topbar"><strong>Téléphone du candidat</strong><span class="sim-badge">Simulateur</span></header>
<div class="layout">
  <section class="panel" aria-labelledby="setup-title">
    <h2 id="setup-title">Conversation</h2>
    <label class="field" for="business">Numéro de l'entreprise</label>
    <select id="business"></select>
    <label class="field" for="candidate">Candidat</label>
    <select id="candidate"></select>
    <label class="field" for="new-number">Autre numéro</label>
    <input type="tel" id="new-number" placeholder="+212 6 12 34 56 78">
    <label class="field" for="new-name">Nom de profil</label>
    <input type="text" id="new-name" placeholder="Prénom Nom">
    <div class="actions"><button type="button" class="secondary" id="use-new">Utiliser ce numéro</button></div>
    <p class="hint">Les messages du candidat sont livrés au produit par webhook, signés comme ceux de Meta.</p>
    <h2 id="app-title">App WhatsApp Business</h2>
    <p class="hint">Pour un numéro connecté depuis l’app WhatsApp Business : ce que l’entreprise écrit depuis son téléphone, et l’historique de l’app qu’elle partage.</p>
    <label class="field" for="echo-text">Message de l’entreprise au candidat</label>
    <input type="text" id="echo-text" placeholder="Écrit depuis le téléphone de l’entreprise">
    <div class="actions">
      <button type="button" class="secondary" id="send-echo">Écrire depuis l’app</button>
      <button type="button" class="secondary" id="share-history">Partager l’historique</button>
    </div>
    <p class="hint" id="app-status" role="status"></p>
  </section>
  <section class="phone" aria-label="Écran du téléphone">
    <div class="chat-head"><strong id="chat-title">—</strong><small id="chat-sub"></small></div>
    <div class="chat" id="chat" role="log" aria-live="polite" aria-label="Messages"></div>
    <form class="composer" id="composer">
      <div class="replying" id="replying" hidden><span id="replying-text"></span>
        <button type="button" class="link" id="cancel-reply" aria-label="Annuler la réponse">✕</button></div>
      <div class="row tool-row">
        <button type="button" id="send-location">📍 Position</button>
        <button type="button" id="send-contact">👤 Contact</button>
        <label class="sr-only" for="file">Joindre un fichier</label>
        <input type="file" id="file" accept="image/jpeg,image/png,application/pdf,audio/ogg,audio/mpeg,video/mp4,image/webp" hidden>
        <button type="button" id="attach">📎 Fichier</button>
        <button type="button" id="send-stop">STOP</button>
      </div>
      <div class="row">
        <label class="sr-only" for="text">Message</label>
        <input type="text" id="text" placeholder="Message" autocomplete="off">
        <button type="submit" class="send">Envoyer</button>
      </div>
      <p class="error" id="error" role="alert"></p>
    </form>
  </section>
</div>
<script src="assets/phone.js"></script>
</body>
</html>`;
}
