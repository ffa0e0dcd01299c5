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
  var T = cfg.t;
  function f(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
  }
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
    // A WhatsApp Business app number keeps its app profile (Meta confirms it in the app instead).
    { key: "profile", meta: "WHATSAPP_BUSINESS_PROFILE_SETUP", skip: function () { return cfg.onlyWaba || cfg.businessApp; } },
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
    render(screen(T.cannotContinue, message,
      '<p class="hint">' + esc(f(T.errorCode, { id: errorId, session: cfg.sessionId })) + "</p>",
      '<button type="submit" class="primary">' + esc(T.close) + "</button>", true), function () {
      if (cfg.mode === "popup") { report("CANCEL", data); window.close(); }
      else redirectBack({ error: "access_denied", error_code: errorId, error_message: message });
    });
  }

  function screen(title, lead, body, buttons, noCancel) {
    return '<form novalidate><h1 id="step-title" tabindex="-1">' + esc(title) + "</h1>" +
      '<p class="lead">' + esc(lead) + "</p>" + body + '<div class="actions">' +
      (noCancel ? "" : '<button type="button" class="secondary" data-cancel>' + esc(T.cancel) + '</button>') + buttons + "</div></form>";
  }
  function choice(name, value, title, sub, checked) {
    return '<label class="choice"><input type="radio" name="' + name + '" value="' + esc(value) + '"' + (checked ? " checked" : "") +
      "><span>" + esc(title) + (sub ? "<small>" + esc(sub) + "</small>" : "") + "</span></label>";
  }
  function next() { return '<button type="submit" class="primary">' + esc(T.next) + "</button>"; }
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
      render(screen(f(T.loginTitle, { app: cfg.appName }), f(T.loginLead, { app: cfg.appName }),
        '<div class="choice" aria-hidden="true"><span class="logo">' + esc(cfg.user.name[0]) + "</span><span>" +
        esc(cfg.user.name) + "<small>" + esc(cfg.user.email) + "</small></span></div>",
        '<button type="submit" class="primary">' + esc(f(T.continueAs, { name: cfg.user.name.split(" ")[0] })) + "</button>"),
        function () { document.getElementById("who").textContent = cfg.user.name; go(1); });
    },
    business: function () {
      var list = cfg.businesses.map(function (b, i) {
        return choice("business", b.id, b.name, b.verified ? T.verified : T.verificationPending, sel.business ? sel.business === b.id : i === 0);
      }).join("");
      render(screen(T.businessTitle, T.businessLead,
        "<fieldset><legend>" + esc(T.businessLegend) + "</legend>" + list + "</fieldset>", next()), function () {
        sel.business = value("business");
        sel.waba = null; sel.phone = null;
        if (business().restricted) return failWith(T.restricted, "524126");
        go(1);
      });
    },
    waba: function () {
      var b = business();
      var list = b.wabas.map(function (w, i) { return choice("waba", w.id, w.name, f(T.numbersCount, { count: w.phoneNumbers.length }), i === 0); }).join("");
      render(screen(T.wabaTitle, T.wabaLead,
        "<fieldset><legend>" + esc(f(T.wabaLegend, { name: b.name })) + "</legend>" + list +
        choice("waba", "__new", T.wabaCreate, T.wabaCreateSub, b.wabas.length === 0) +
        '</fieldset><label class="field" for="waba-name">' + esc(T.wabaName) + '</label><input type="text" id="waba-name" name="wabaName" value="' +
        esc(b.name) + '"><p class="hint">' + esc(T.wabaNameHint) + "</p>", next()), function () {
        var picked = value("waba");
        if (picked === "__new") {
          var name = stepEl.querySelector("#waba-name").value.trim();
          if (!name) { errorEl.textContent = T.wabaNameMissing; return; }
          sel.waba = { create: { name: name } }; sel.wabaName = name;
        } else { sel.waba = { id: picked }; sel.wabaName = existingWaba().name; }
        go(1);
      });
    },
    phone: function () {
      var w = existingWaba();
      var numbers = w ? w.phoneNumbers : [];
      var list = numbers.map(function (p, i) { return choice("phone", p.id, p.display, p.verifiedName, i === 0); }).join("");
      render(screen(T.phoneTitle, T.phoneLead,
        "<fieldset><legend>" + esc(T.phoneLegend) + "</legend>" + list + choice("phone", "__new", T.phoneAdd, T.phoneAddSub, numbers.length === 0) +
        '</fieldset><label class="field" for="new-phone">' + esc(T.phoneNew) + '</label><input type="tel" id="new-phone" name="newPhone" placeholder="+212 6 12 34 56 78" autocomplete="tel" dir="ltr">' +
        "<fieldset><legend>" + esc(T.methodLegend) + "</legend>" + choice("method", "SMS", "SMS", "", true) + choice("method", "VOICE", T.methodVoice, "", false) + "</fieldset>",
        next()), function () {
        var picked = value("phone");
        if (picked === "__new") {
          var raw = stepEl.querySelector("#new-phone").value.trim();
          if (!/^\+\d[\d ]{7,18}$/.test(raw)) { errorEl.textContent = T.phoneFormat; return; }
          sel.phone = { create: { display: raw } }; sel.phoneDisplay = raw;
        } else {
          var p = numbers.find(function (n) { return n.id === picked; });
          sel.phone = { id: picked }; sel.phoneDisplay = p.display; sel.displayName = p.verifiedName;
        }
        go(1);
      });
    },
    verify: function () {
      render(screen(T.verifyTitle, f(T.verifyLead, { phone: "\u2066" + sel.phoneDisplay + "\u2069" }),
        '<label class="field" for="otp">' + esc(T.verifyLabel) + '</label><input type="text" id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" dir="ltr">' +
        '<p class="hint">' + esc(f(T.verifyHint, { code: VERIFICATION_CODE })) + "</p>", next()), function () {
        if (value("otp") !== VERIFICATION_CODE) { errorEl.textContent = T.verifyWrong; return; }
        go(1);
      });
    },
    profile: function () {
      render(screen(T.profileTitle, T.profileLead,
        '<label class="field" for="display-name">' + esc(T.displayName) + "</label>" + '<input type="text" id="display-name" name="displayName" value="' +
        esc(sel.displayName || sel.wabaName) + '" required minlength="3" maxlength="100">' +
        '<label class="field" for="category">' + esc(T.category) + '</label><select id="category" name="category">' +
        T.categories.map(function (c) { return "<option>" + esc(c) + "</option>"; }).join("") + "</select>",
        next()), function () {
        var name = value("displayName");
        if (name.length < 3) { errorEl.textContent = T.displayNameShort; return; }
        sel.displayName = name;
        go(1);
      });
    },
    permissions: function () {
      var perms = [
        ["whatsapp_business_management", T.permManage],
        ["whatsapp_business_messaging", T.permMessaging],
        ["business_management", T.permBusiness]
      ].map(function (p) {
        return '<div class="perm"><span aria-hidden="true">✓</span><span>' + esc(p[1]) + "<small class=\"hint\"> (" + p[0] + ")</small></span></div>";
      }).join("");
      render(screen(T.permissionsTitle, f(T.permissionsLead, { app: cfg.appName }), perms, '<button type="submit" class="primary">' + esc(T.confirm) + "</button>"), complete);
    },
    done: function () {
      var r = sel.result;
      render(screen(T.doneTitle, f(T.doneLead, { app: cfg.appName }),
        '<div class="success-mark" aria-hidden="true">✓</div><dl class="summary"><dt>' + esc(T.summaryAccount) + "</dt><dd>" + esc(sel.wabaName) + "</dd>" +
        (r.phone_number_id ? "<dt>" + esc(T.summaryNumber) + '</dt><dd dir="ltr">' + esc(sel.phoneDisplay) + "</dd>" : "") + "</dl>",
        '<button type="submit" class="primary">' + esc(T.finish) + "</button>", true), function () {
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
        displayName: cfg.onlyWaba || cfg.businessApp ? null : sel.displayName, redirectUri: cfg.mode === "redirect" ? cfg.redirectUri : null,
        featureType: cfg.businessApp ? "whatsapp_business_app_onboarding" : null
      })
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) return failWith(body.error_message || T.genericError, body.error_id || "524000");
        sel.result = body;
        if (cfg.mode === "popup") {
          var data = { waba_id: body.waba_id, business_id: body.business_id, ad_account_ids: [], page_ids: [], dataset_ids: [] };
          if (body.phone_number_id) data = Object.assign({ phone_number_id: body.phone_number_id }, data);
          report(!body.phone_number_id ? "FINISH_ONLY_WABA" : cfg.businessApp ? "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING" : "FINISH", data);
          toOpener({ type: "SIMULATOR_FB_LOGIN", requestId: cfg.requestId, authResponse: { code: body.code, userID: cfg.user.id } });
        }
        go(1);
      });
    }).catch(function () { button.disabled = false; errorEl.textContent = T.networkError; });
  }

  function show() { views[STEPS[current].key](); }

  // Closing the window mid-way is a cancel at the current step; on the last screen it is a success.
  window.addEventListener("pagehide", function () {
    if (!reported && cfg.mode === "popup") report("CANCEL", { current_step: STEPS[current].meta || "PERMISSIONS" });
  });

  if (!cfg.appIdValid) {
    stepEl.innerHTML = '<h1 id="step-title">' + esc(T.invalidAppTitle) + '</h1><p class="lead">' + esc(T.invalidAppLead) + "</p>";
    return;
  }
  if (cfg.mode === "redirect" && !cfg.redirectUri) {
    stepEl.innerHTML = '<h1 id="step-title">' + esc(T.missingRedirectTitle) + '</h1><p class="lead">' + esc(T.missingRedirectLead) + "</p>";
    return;
  }
  show();
})();
`;
