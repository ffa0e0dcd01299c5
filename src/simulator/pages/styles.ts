/** Styles shared by the simulator's pages: Meta's dialog look (white card, blue actions, grey text). */
export const BASE_CSS = `
:root { --blue:#0866ff; --blue-dark:#0456d6; --text:#1c2b33; --muted:#65676b; --line:#dadde1; --bg:#f0f2f5;
  --danger:#c4161c; --ok:#31a24c; font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--text); font-size:15px; line-height:1.4; }
.sr-only { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.topbar { display:flex; align-items:center; gap:10px; padding:12px 20px; background:#fff; border-bottom:1px solid var(--line); }
.logo { width:28px; height:28px; border-radius:50%; background:var(--blue); color:#fff; display:grid; place-items:center;
  font-weight:700; font-size:18px; }
.topbar .who { margin-inline-start:auto; color:var(--muted); font-size:13px; }
.sim-badge { font-size:11px; text-transform:uppercase; letter-spacing:.04em; background:#fff3cd; color:#7a5b00;
  border:1px solid #f1d27a; border-radius:4px; padding:2px 6px; }
main.card { max-width:560px; margin:24px auto; background:#fff; border-radius:12px; box-shadow:0 2px 12px rgba(0,0,0,.08);
  padding:28px 32px; }
h1 { font-size:22px; margin:0 0 6px; }
p.lead { color:var(--muted); margin:0 0 20px; }
.steps { display:flex; gap:6px; margin:0 0 20px; padding:0; list-style:none; }
.steps li { flex:1; height:4px; border-radius:2px; background:var(--line); }
.steps li.done, .steps li.current { background:var(--blue); }
fieldset { border:0; margin:0 0 16px; padding:0; }
legend { font-weight:600; margin-bottom:8px; }
.choice { display:flex; align-items:flex-start; gap:12px; padding:12px 14px; border:1px solid var(--line); border-radius:8px;
  margin-bottom:8px; cursor:pointer; }
.choice:hover { background:#f7f8fa; }
.choice:has(input:checked) { border-color:var(--blue); background:#eef4ff; }
.choice input { margin-top:3px; accent-color:var(--blue); }
.choice small { display:block; color:var(--muted); }
label.field { display:block; font-weight:600; margin:12px 0 4px; }
input[type=text], input[type=tel], select, textarea { width:100%; padding:10px 12px; border:1px solid var(--line);
  border-radius:6px; font:inherit; }
input:focus-visible, select:focus-visible, button:focus-visible, textarea:focus-visible, .choice:focus-within {
  outline:3px solid #9ec1ff; outline-offset:1px; }
.hint { color:var(--muted); font-size:13px; margin-top:4px; }
.error { color:var(--danger); font-size:14px; margin:8px 0; min-height:1em; }
.actions { display:flex; justify-content:flex-end; gap:10px; margin-top:24px; border-top:1px solid var(--line); padding-top:16px; }
button { font:inherit; font-weight:600; border-radius:6px; padding:9px 18px; cursor:pointer; border:1px solid transparent; }
button.primary { background:var(--blue); color:#fff; }
button.primary:hover { background:var(--blue-dark); }
button.primary:disabled { opacity:.5; cursor:not-allowed; }
button.secondary { background:#e4e6eb; color:var(--text); }
button.link { background:none; color:var(--blue); padding:0; }
.perm { display:flex; gap:12px; padding:10px 0; border-bottom:1px solid #eef0f3; }
.perm:last-child { border-bottom:0; }
.success-mark { width:56px; height:56px; border-radius:50%; background:var(--ok); color:#fff; display:grid; place-items:center;
  font-size:30px; margin:0 auto 12px; }
.summary { background:#f7f8fa; border-radius:8px; padding:12px 16px; margin-top:16px; }
.summary dt { color:var(--muted); font-size:13px; }
.summary dd { margin:0 0 8px; font-weight:600; }
`;
