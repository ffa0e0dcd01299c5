/** Browser script of the candidate phone page (plain ES2020); it polls and posts to the control API. */
export const PHONE_SCRIPT = String.raw`
(function () {
  "use strict";
  var api = "control";
  var $ = function (id) { return document.getElementById(id); };
  var state = { phoneNumberId: null, waId: null, name: "", replyTo: null, lastRender: "" };

  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function showError(text) { $("error").textContent = text || ""; }
  function getJson(path) { return fetch(api + path).then(function (r) { return r.json(); }); }
  function postJson(path, body) {
    return fetch(api + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error((b.error && b.error.message) || "Erreur"); return b; }); });
  }

  function send(message) {
    if (!state.phoneNumberId || !state.waId) return Promise.resolve();
    var body = Object.assign({ phoneNumberId: state.phoneNumberId, from: state.waId, profileName: state.name }, message);
    // A quoted reply applies to what the candidate writes, not to taps on buttons or reactions.
    var quotable = ["text", "image", "video", "audio", "document", "sticker", "location", "contacts"].indexOf(body.type) !== -1;
    if (state.replyTo && quotable) body.context = { message_id: state.replyTo };
    showError("");
    return postJson("/inbound", body).then(function () { setReply(null); refresh(); }).catch(function (e) { showError(e.message); });
  }

  function setReply(message) {
    state.replyTo = message ? message.id : null;
    $("replying").hidden = !message;
    $("replying-text").textContent = message ? "Réponse à : " + message.preview.slice(0, 80) : "";
  }

  function ticks(m) {
    if (m.direction === "in") return "";
    return { accepted: "🕓", sent: "✓", delivered: "✓✓", read: "✓✓ lu", failed: "⚠ échec" }[m.status] || "";
  }

  function bubble(m, byId) {
    var quoted = m.contextId && byId[m.contextId] ? '<div class="quote">' + esc(byId[m.contextId].preview.slice(0, 80)) + "</div>" : "";
    var media = m.mediaId && m.mimeType && m.mimeType.indexOf("image/") === 0
      ? '<img alt="Image reçue" src="' + api + "/media/" + encodeURIComponent(m.mediaId) + '">' : "";
    var actions = m.actions.length
      ? '<div class="reply-actions">' + (m.listButton ? '<span class="hint">' + esc(m.listButton) + "</span>" : "") +
        m.actions.map(function (a, i) {
          var label = a.kind === "button" ? a.text : a.title;
          return '<button type="button" data-action="' + i + '">' + esc(label) + "</button>";
        }).join("") + "</div>" : "";
    var time = new Date(m.timestamp).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    return '<div class="bubble ' + m.direction + '" data-id="' + esc(m.id) + '">' + quoted + media + esc(m.preview) + actions +
      '<div class="meta"><span class="tools"><button type="button" data-reply>Répondre</button>' +
      (m.type !== "reaction" ? '<button type="button" data-react aria-label="Réagir avec un pouce">👍</button>' : "") +
      "</span><span>" + time + "</span><span>" + ticks(m) + "</span></div></div>";
  }

  function render(messages) {
    var key = JSON.stringify(messages);
    if (key === state.lastRender) return;
    state.lastRender = key;
    var byId = {};
    messages.forEach(function (m) { byId[m.id] = m; });
    var chat = $("chat");
    var atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
    chat.innerHTML = messages.map(function (m) { return bubble(m, byId); }).join("") ||
      '<p class="hint">Aucun message. Écrivez au recruteur ou attendez son premier message.</p>';
    chat.querySelectorAll(".bubble").forEach(function (el) {
      var m = byId[el.getAttribute("data-id")];
      el.querySelector("[data-reply]").addEventListener("click", function () { setReply(m); $("text").focus(); });
      var react = el.querySelector("[data-react]");
      if (react) react.addEventListener("click", function () { send({ type: "reaction", reaction: { message_id: m.id, emoji: "👍" } }); });
      el.querySelectorAll("[data-action]").forEach(function (b) {
        b.addEventListener("click", function () {
          var a = m.actions[Number(b.getAttribute("data-action"))];
          var ctx = { message_id: m.id };
          if (a.kind === "button") send({ type: "button", button: { payload: a.payload, text: a.text }, context: ctx });
          else if (a.kind === "button_reply") send({ type: "interactive", interactive: { type: "button_reply", button_reply: { id: a.id, title: a.title } }, context: ctx });
          else send({ type: "interactive", interactive: { type: "list_reply", list_reply: { id: a.id, title: a.title, description: a.description } }, context: ctx });
        });
      });
    });
    if (atBottom) chat.scrollTop = chat.scrollHeight;
  }

  function refresh() {
    if (!state.phoneNumberId || !state.waId) return;
    getJson("/phone/conversation?phoneNumberId=" + encodeURIComponent(state.phoneNumberId) + "&waId=" + encodeURIComponent(state.waId))
      .then(function (b) { render(b.messages || []); }).catch(function () {});
  }

  function choose() {
    state.phoneNumberId = $("business").value;
    var opt = $("candidate").selectedOptions[0];
    state.waId = opt ? opt.value : null;
    state.name = opt ? opt.getAttribute("data-name") : "";
    var biz = $("business").selectedOptions[0];
    $("chat-title").textContent = biz ? biz.getAttribute("data-name") : "—";
    $("chat-sub").textContent = state.name ? "Vous êtes " + state.name + " (+" + state.waId + ")" : "";
    state.lastRender = "";
    setReply(null);
    refresh();
  }

  function load(selectWaId) {
    return getJson("/state").then(function (world) {
      var numbers = [];
      world.wabas.forEach(function (w) { w.phoneNumbers.forEach(function (p) { numbers.push(p); }); });
      var current = $("business").value;
      $("business").innerHTML = numbers.map(function (p) {
        return '<option value="' + esc(p.id) + '" data-name="' + esc(p.verifiedName) + '">' + esc(p.verifiedName + " · " + p.displayPhoneNumber) + "</option>";
      }).join("");
      if (current) $("business").value = current;
      $("candidate").innerHTML = world.candidates.map(function (c) {
        return '<option value="' + esc(c.waId) + '" data-name="' + esc(c.profileName) + '">' + esc(c.profileName + " · +" + c.waId) + "</option>";
      }).join("");
      if (selectWaId) $("candidate").value = selectWaId;
      choose();
    });
  }

  $("business").addEventListener("change", choose);
  $("candidate").addEventListener("change", choose);
  $("use-new").addEventListener("click", function () {
    var waId = $("new-number").value.replace(/\D/g, "");
    if (waId.length < 8) { showError("Numéro invalide."); return; }
    postJson("/candidates", { waId: waId, profileName: $("new-name").value.trim() || undefined }).then(function () { return load(waId); });
  });
  $("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    send({ type: "text", text: { body: text } });
  });
  $("cancel-reply").addEventListener("click", function () { setReply(null); });
  // The business's own phone (WhatsApp Business app, coexistence): an echo, and the app's history.
  $("send-echo").addEventListener("click", function () {
    var text = $("echo-text").value.trim();
    if (!text || !state.phoneNumberId || !state.waId) return;
    $("echo-text").value = "";
    postJson("/business-app/echo", { phoneNumberId: state.phoneNumberId, to: state.waId, text: text })
      .then(function () { showError(""); refresh(); }).catch(function (e) { showError(e.message); });
  });
  $("share-history").addEventListener("click", function () {
    if (!state.phoneNumberId) return;
    postJson("/business-app/history", { phoneNumberId: state.phoneNumberId }).then(function (b) {
      showError("");
      $("app-status").textContent = b.messages + " messages partagés en " + b.deliveries + " envois (dans le désordre, un en double).";
    }).catch(function (e) { showError(e.message); });
  });
  $("send-stop").addEventListener("click", function () { send({ type: "text", text: { body: "STOP" } }); });
  $("send-location").addEventListener("click", function () {
    send({ type: "location", location: { latitude: 33.5899, longitude: -7.6039, name: "Twin Center", address: "Bd Zerktouni, Casablanca" } });
  });
  $("send-contact").addEventListener("click", function () {
    send({ type: "contacts", contacts: [{ name: { formatted_name: "Salma Benali", first_name: "Salma", last_name: "Benali" },
      phones: [{ phone: "+212 6 61 00 11 22", wa_id: "212661001122", type: "CELL" }] }] });
  });
  $("attach").addEventListener("click", function () { $("file").click(); });
  $("file").addEventListener("change", function () {
    var file = $("file").files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = String(reader.result).split(",")[1];
      var kind = file.type.indexOf("image/webp") === 0 ? "sticker" : file.type.indexOf("image/") === 0 ? "image"
        : file.type.indexOf("audio/") === 0 ? "audio" : file.type.indexOf("video/") === 0 ? "video" : "document";
      var media = { mime_type: file.type, data_base64: data };
      if (kind === "document") media.filename = file.name;
      var message = { type: kind };
      message[kind] = media;
      send(message);
      $("file").value = "";
    };
    reader.readAsDataURL(file);
  });

  load().then(function () { setInterval(refresh, 1000); });
})();
`;
