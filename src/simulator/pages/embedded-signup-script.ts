/**
 * Browser script of the Embedded Signup dialog (plain ES2020, no build step). It walks the steps,
 * posts `WA_EMBEDDED_SIGNUP` events to the opener as JSON strings (as Meta does) and hands the code
 * to the SDK stand-in with a separate object message that product listeners ignore.
 */
export const EMBEDDED_SIGNUP_SCRIPT = String.raw`
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("config").textContent);
  var stepEl = document.getElementById("step");
  var errorEl = document.getElementById("error");
  var VERIFICATION_CODE = "123456";
  var sel = { business: null, waba: null, wabaName: "", phone: null, phoneDisplay: "", displayName: "", result: null };
  var reported = false;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function business() { return cfg.businesses.find(function (b) { return b.id === sel.business; }); }
  function existingWaba() {
    var b = business();
    return b && sel.waba && sel.waba.id ? b.wabas.find(function (w) { return w.id === sel.waba.id; }) : null;
  }
  function newPhone() { return !!(sel.phone && sel.phone.create); }

  var STEPS = [
    { key: "login", meta: "BUSINESS_ACCOUNT_SELECTION" },
    { key: "business", meta: "BUSINESS_ACCOUNT_SELECTION" },
    { key: "waba", meta: "WABA_PHONE_PROFILE_PICKER" },
    { key: "phone", meta: "PHONE_NUMBER_SETUP", skip: function () { return cfg.onlyWaba; } },
    { key: "verify", meta: "PHONE_NUMBER_VERIFICATION", skip: function () { return cfg.onlyWaba || !newPhone(); } },
    { key: "profile", meta: "WHATSAPP_BUSINESS_PROFILE_SETUP", skip: function () { return cfg.onlyWaba; } },
    { key: "permissions", meta: "PERMISSIONS" },
    { key: "done", meta: null }
  ];
  var current = 0;

  function toOpener(message) {
    if (cfg.mode !== "popup" || !window.opener || !cfg.openerOrigin) return;
    window.opener.postMessage(message, cfg.openerOrigin);
  }
  function report(event, data) {
    reported = true;
    toOpener(JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event: event, data: data, version: 3 }));
  }
  function redirectBack(params) {
    var url = new URL(cfg.redirectUri);
    Object.keys(params).forEach(function (k) { url.searchParams.set(k, params[k]); });
    if (cfg.state !== null) url.searchParams.set("state", cfg.state);
    window.location.assign(url.toString());
  }
  function cancel() {
    var step = STEPS[current];
    if (cfg.mode === "popup") {
      report("CANCEL", { current_step: step.meta || "PERMISSIONS" });
      window.close();
    } else {
      redirectBack({ error: "access_denied", error_code: "200", error_description: "Permissions error", error_reason: "user_denied" });
    }
  }
  function failWith(message, errorId) {
    var data = { error_message: message, error_id: errorId, session_id: cfg.sessionId, timestamp: String(Math.floor(Date.now() / 1000)) };
    render(screen("Impossible de continuer", message,
      '<p class="hint">Code d\u2019erreur ' + esc(errorId) + " · session " + esc(cfg.sessionId) + "</p>",
      '<button type="submit" class="primary">Fermer</button>', true), function () {
      if (cfg.mode === "popup") { report("CANCEL", data); window.close(); }
      else redirectBack({ error: "access_denied", error_code: errorId, error_message: message });
    });
  }

  function screen(title, lead, body, buttons, noCancel) {
    return '<form novalidate><h1 id="step-title" tabindex="-1">' + esc(title) + "</h1>" +
      '<p class="lead">' + esc(lead) + "</p>" + body + '<div class="actions">' +
      (noCancel ? "" : '<button type="button" class="secondary" data-cancel>Annuler</button>') + buttons + "</div></form>";
  }
  function choice(name, value, title, sub, checked) {
    return '<label class="choice"><input type="radio" name="' + name + '" value="' + esc(value) + '"' + (checked ? " checked" : "") +
      "><span>" + esc(title) + (sub ? "<small>" + esc(sub) + "</small>" : "") + "</span></label>";
  }
  function next() { return '<button type="submit" class="primary">Suivant</button>'; }
  function value(name) {
    var el = stepEl.querySelector('[name="' + name + '"]:checked') || stepEl.querySelector('[name="' + name + '"]:not([type=radio])');
    return el ? el.value.trim() : "";
  }

  function render(html, onSubmit) {
    errorEl.textContent = "";
    stepEl.innerHTML = html;
    var progress = document.getElementById("progress");
    progress.innerHTML = STEPS.slice(0, -1).map(function (_s, i) {
      return '<li class="' + (i < current ? "done" : i === current ? "current" : "") + '"></li>';
    }).join("");
    var form = stepEl.querySelector("form");
    form.addEventListener("submit", function (e) { e.preventDefault(); onSubmit(); });
    var cancelBtn = stepEl.querySelector("[data-cancel]");
    if (cancelBtn) cancelBtn.addEventListener("click", cancel);
    document.getElementById("step-title").focus();
  }
  function go(delta) {
    do { current += delta; } while (STEPS[current].skip && STEPS[current].skip());
    show();
  }

  var views = {
    login: function () {
      render(screen("Se connecter à " + cfg.appName, cfg.appName + " demande l\u2019accès à vos comptes WhatsApp Business.",
        '<div class="choice" aria-hidden="true"><span class="logo">' + esc(cfg.user.name[0]) + "</span><span>" +
        esc(cfg.user.name) + "<small>" + esc(cfg.user.email) + "</small></span></div>",
        '<button type="submit" class="primary">Continuer en tant que ' + esc(cfg.user.name.split(" ")[0]) + "</button>"),
        function () { document.getElementById("who").textContent = cfg.user.name; go(1); });
    },
    business: function () {
      var list = cfg.businesses.map(function (b, i) {
        return choice("business", b.id, b.name, b.verified ? "Entreprise vérifiée" : "Vérification en attente", sel.business ? sel.business === b.id : i === 0);
      }).join("");
      render(screen("Choisissez votre portefeuille d\u2019entreprise", "Le compte WhatsApp sera rattaché à ce portefeuille.",
        "<fieldset><legend>Portefeuilles</legend>" + list + "</fieldset>", next()), function () {
        sel.business = value("business");
        sel.waba = null; sel.phone = null;
        if (business().restricted) return failWith("Ce portefeuille d\u2019entreprise est restreint et ne peut pas utiliser la plateforme WhatsApp Business.", "524126");
        go(1);
      });
    },
    waba: function () {
      var b = business();
      var list = b.wabas.map(function (w, i) { return choice("waba", w.id, w.name, w.phoneNumbers.length + " numéro(s)", i === 0); }).join("");
      render(screen("Choisissez un compte WhatsApp Business", "Sélectionnez un compte existant ou créez-en un.",
        "<fieldset><legend>Comptes WhatsApp Business de " + esc(b.name) + "</legend>" + list +
        choice("waba", "__new", "Créer un compte WhatsApp Business", "Nouveau compte dans ce portefeuille", b.wabas.length === 0) +
        '</fieldset><label class="field" for="waba-name">Nom du nouveau compte</label><input type="text" id="waba-name" name="wabaName" value="' +
        esc(b.name) + '"><p class="hint">Utilisé seulement si vous créez un compte.</p>', next()), function () {
        var picked = value("waba");
        if (picked === "__new") {
          var name = stepEl.querySelector("#waba-name").value.trim();
          if (!name) { errorEl.textContent = "Indiquez un nom de compte."; return; }
          sel.waba = { create: { name: name } }; sel.wabaName = name;
        } else { sel.waba = { id: picked }; sel.wabaName = existingWaba().name; }
        go(1);
      });
    },
    phone: function () {
      var w = existingWaba();
      var numbers = w ? w.phoneNumbers : [];
      var list = numbers.map(function (p, i) { return choice("phone", p.id, p.display, p.verifiedName, i === 0); }).join("");
      render(screen("Ajoutez un numéro de téléphone", "Ce numéro enverra et recevra les messages WhatsApp.",
        "<fieldset><legend>Numéros</legend>" + list + choice("phone", "__new", "Ajouter un nouveau numéro", "Vérification par SMS ou appel", numbers.length === 0) +
        '</fieldset><label class="field" for="new-phone">Numéro à ajouter</label><input type="tel" id="new-phone" name="newPhone" placeholder="+212 6 12 34 56 78" autocomplete="tel">' +
        '<fieldset><legend>Méthode de vérification</legend>' + choice("method", "SMS", "SMS", "", true) + choice("method", "VOICE", "Appel vocal", "", false) + "</fieldset>",
        next()), function () {
        var picked = value("phone");
        if (picked === "__new") {
          var raw = stepEl.querySelector("#new-phone").value.trim();
          if (!/^\+\d[\d ]{7,18}$/.test(raw)) { errorEl.textContent = "Saisissez un numéro au format international, par exemple +212 6 12 34 56 78."; return; }
          sel.phone = { create: { display: raw } }; sel.phoneDisplay = raw;
        } else {
          var p = numbers.find(function (n) { return n.id === picked; });
          sel.phone = { id: picked }; sel.phoneDisplay = p.display; sel.displayName = p.verifiedName;
        }
        go(1);
      });
    },
    verify: function () {
      render(screen("Vérifiez votre numéro", "Saisissez le code à 6 chiffres envoyé au " + sel.phoneDisplay + ".",
        '<label class="field" for="otp">Code de vérification</label><input type="text" id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code">' +
        '<p class="hint">Simulateur : le code est ' + VERIFICATION_CODE + ".</p>", next()), function () {
        if (value("otp") !== VERIFICATION_CODE) { errorEl.textContent = "Ce code est incorrect."; return; }
        go(1);
      });
    },
    profile: function () {
      render(screen("Profil WhatsApp Business", "Le nom affiché est visible par les candidats.",
        '<label class="field" for="display-name">Nom affiché</label><input type="text" id="display-name" name="displayName" value="' +
        esc(sel.displayName || sel.wabaName) + '" required minlength="3" maxlength="100">' +
        '<label class="field" for="category">Catégorie</label><select id="category" name="category"><option>Services professionnels</option><option>Emploi et recrutement</option><option>Autre</option></select>',
        next()), function () {
        var name = value("displayName");
        if (name.length < 3) { errorEl.textContent = "Le nom affiché doit contenir au moins 3 caractères."; return; }
        sel.displayName = name;
        go(1);
      });
    },
    permissions: function () {
      var perms = [
        ["whatsapp_business_management", "Gérer vos comptes WhatsApp Business"],
        ["whatsapp_business_messaging", "Envoyer et recevoir des messages WhatsApp"],
        ["business_management", "Accéder à votre portefeuille d\u2019entreprise"]
      ].map(function (p) {
        return '<div class="perm"><span aria-hidden="true">✓</span><span>' + esc(p[1]) + "<small class=\"hint\"> (" + p[0] + ")</small></span></div>";
      }).join("");
      render(screen("Vérifiez l\u2019accès demandé", cfg.appName + " pourra :", perms, '<button type="submit" class="primary">Confirmer</button>'), complete);
    },
    done: function () {
      var r = sel.result;
      render(screen("Compte connecté", cfg.appName + " est connecté à votre compte WhatsApp Business.",
        '<div class="success-mark" aria-hidden="true">✓</div><dl class="summary"><dt>Compte</dt><dd>' + esc(sel.wabaName) + "</dd>" +
        (r.phone_number_id ? "<dt>Numéro</dt><dd>" + esc(sel.phoneDisplay) + "</dd>" : "") + "</dl>",
        '<button type="submit" class="primary">Terminer</button>', true), function () {
        if (cfg.mode === "popup") window.close(); else redirectBack({ code: r.code });
      });
    }
  };

  function complete() {
    var button = stepEl.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(cfg.completeUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        requestId: cfg.requestId, businessId: sel.business, waba: sel.waba, phone: cfg.onlyWaba ? null : sel.phone,
        displayName: cfg.onlyWaba ? null : sel.displayName, redirectUri: cfg.mode === "redirect" ? cfg.redirectUri : null
      })
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) return failWith(body.error_message || "Une erreur est survenue.", body.error_id || "524000");
        sel.result = body;
        if (cfg.mode === "popup") {
          var data = { waba_id: body.waba_id, business_id: body.business_id, ad_account_ids: [], page_ids: [], dataset_ids: [] };
          if (body.phone_number_id) data = Object.assign({ phone_number_id: body.phone_number_id }, data);
          report(body.phone_number_id ? "FINISH" : "FINISH_ONLY_WABA", data);
          toOpener({ type: "SIMULATOR_FB_LOGIN", requestId: cfg.requestId, authResponse: { code: body.code, userID: cfg.user.id } });
        }
        go(1);
      });
    }).catch(function () { button.disabled = false; errorEl.textContent = "Connexion impossible. Réessayez."; });
  }

  function show() { views[STEPS[current].key](); }

  // Closing the window mid-way is a cancel at the current step; on the last screen it is a success.
  window.addEventListener("pagehide", function () {
    if (!reported && cfg.mode === "popup") report("CANCEL", { current_step: STEPS[current].meta || "PERMISSIONS" });
  });

  if (!cfg.appIdValid) {
    stepEl.innerHTML = '<h1 id="step-title">Application non valide</h1><p class="lead">L\u2019identifiant d\u2019application fourni n\u2019est pas valide.</p>';
    return;
  }
  if (cfg.mode === "redirect" && !cfg.redirectUri) {
    stepEl.innerHTML = '<h1 id="step-title">URL de redirection manquante</h1><p class="lead">Le paramètre redirect_uri est obligatoire.</p>';
    return;
  }
  show();
})();
`;
