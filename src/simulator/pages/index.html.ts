import type { SimContext } from "../context";
import { BASE_CSS } from "./styles";

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Landing page of the simulator: where things are and which numbers exist. */
export function indexPage(ctx: SimContext): string {
  const numbers = ctx.state.phoneNumbers
    .map(
      (p) =>
        `<li>${esc(p.displayPhoneNumber)} · ${esc(p.verifiedName)} · id <code>${p.id}</code>${p.registered ? " · registered" : ""}</li>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meta simulator</title><style>${BASE_CSS}</style></head>
<body><main class="card"><h1>Meta simulator</h1>
<p class="lead">A local stand-in for the WhatsApp Cloud API, Embedded Signup and candidates' phones.</p>
<ul>
<li><a href="phone">Candidate phone</a></li>
<li><a href="demo/login">Embedded Signup playground</a></li>
<li>Graph API base: <code>graph/v25.0</code> · control API: <code>control/state</code></li>
</ul>
<h2>Business numbers</h2><ul>${numbers}</ul></main></body></html>`;
}
