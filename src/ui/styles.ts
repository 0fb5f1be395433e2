/**
 * The panel's stylesheet, scoped by its shadow root: nothing here reaches the host page, and
 * the page's rules do not reach in. The page themes the panel through the custom properties
 * read at the top (they inherit through the shadow boundary) and lays it out through the host
 * element's `data-mode` (expanded, collapsed) and `data-layout` (wide, narrow) attributes.
 *
 * A badge sits above the initials' letters and grows rightward, so no count covers them; the
 * alert mark sits below them. A session reached by keyboard rings its whole row, so its End and
 * Close sit inside the ring instead of on a strip of row beside it. A phone's strip fades out at
 * each edge that has more sessions beyond it: a scroll-driven animation sets the fade widths
 * `--l` and `--r`, and a strip that does not overflow has an inactive scroll timeline, which
 * leaves them unset and so voids the mask. `@supports` keeps a browser without scroll timelines
 * from running it as a 0 s animation whose end state would fade the start edge for good. The
 * strip's inline scroll padding is the fade's width, and the session list scrolls the focused
 * session clear of it.
 */
const css = `
:host{display:block;width:max-content;height:100%;color:var(--fg);font:14px/1.35 var(--omnichannel-panel-font,"Segoe UI",system-ui,-apple-system,sans-serif);
--a:var(--omnichannel-panel-accent,#0f6cbd);--bg:var(--omnichannel-panel-background,#f5f5f5);--fg:var(--omnichannel-panel-text,#242424);
--s:var(--omnichannel-panel-surface,#fff);--alert:var(--omnichannel-panel-alert,#c50f1f);--line:#d1d1d1;--muted:#616161}
[hidden]{display:none!important}
*{box-sizing:border-box}
button{font:inherit;color:inherit;background:none;border:0;margin:0;cursor:pointer}
:focus-visible{outline:2px solid var(--a);outline-offset:-2px}
svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round;flex:none}
.panel{display:flex;flex-direction:column;width:var(--omnichannel-panel-width,240px);height:100%;background:var(--bg);border-right:1px solid var(--line);overflow:hidden}
.toggle{flex:none;display:grid;place-items:center;width:40px;height:40px;margin:8px;border-radius:4px}
.toggle:hover,li:hover,.act:hover{background:rgba(0,0,0,.06)}
ul{position:relative;list-style:none;margin:0;padding:0 0 8px;overflow:auto;flex:0 1 auto;scrollbar-width:thin}
li{display:flex;align-items:center;gap:2px;padding-right:4px;border-left:3px solid transparent}
li.current{background:var(--s);border-left-color:var(--a)}
.session{flex:1;min-width:0;display:flex;align-items:center;gap:14px;min-height:48px;padding:6px 8px 6px 9px;text-align:start}
li.current .session{font-weight:600}
li:has(>.session:focus-visible){outline:2px solid var(--a);outline-offset:-2px}
li:has(>.session:focus-visible)>.session{outline:0}
.icon{position:relative;flex:none;display:grid;place-items:center;width:32px;height:32px;border-radius:50%;background:var(--tone);color:#fff;font-size:12px;font-weight:600;letter-spacing:.02em}
.icon.home{background:none;color:var(--fg)}
.icon.home svg{width:24px;height:24px}
[data-tone="0"]{--tone:#005a9e}[data-tone="1"]{--tone:#0b6a0b}[data-tone="2"]{--tone:#6b3fa0}
[data-tone="3"]{--tone:#8a3b12}[data-tone="4"]{--tone:#00666e}[data-tone="5"]{--tone:#4f4f9e}
.badge,.mark{position:absolute;left:18px;min-width:13px;height:13px;padding:0 3px;border-radius:7px;font-size:10px;line-height:13px;text-align:center;font-weight:700;color:#fff;box-shadow:0 0 0 2px var(--bg)}
.badge{top:-6px;background:var(--a)}
.mark{bottom:-6px;background:var(--alert)}
li.current .badge,li.current .mark{box-shadow:0 0 0 2px var(--s)}
.title{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.act{flex:none;display:grid;place-items:center;min-width:28px;height:28px;border-radius:4px;opacity:0}
.act svg{width:16px;height:16px}
.end{padding:0 8px;font-size:12px;font-weight:600;border:1px solid var(--line)}
li:hover .act,li:focus-within .act,li.current .act{opacity:1}
@media (hover:none){.act{opacity:1}}
.notes{display:grid;gap:8px;padding:8px}
.notes:empty{display:none}
.note{background:var(--s);border:1px solid var(--line);border-left:3px solid var(--a);border-radius:6px;padding:10px;box-shadow:0 2px 6px rgba(0,0,0,.12)}
.caption{font-size:12px;color:var(--muted)}
.who{font-weight:600;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:fit-content(40%) 1fr;gap:0 8px;margin:4px 0 0;font-size:12px}
dt{color:var(--muted)}dt,dd{margin:0;overflow-wrap:anywhere}
.answers{display:flex;gap:8px;margin-top:10px}
.answers button{flex:1;display:flex;align-items:center;justify-content:center;gap:4px;min-height:32px;padding:0 10px;border:1px solid var(--line);border-radius:4px;background:var(--s);font-weight:600}
.answers .accept,.confirm{background:var(--a);border-color:var(--a);color:#fff}
.answers svg{width:16px;height:16px}
button:disabled{opacity:.5;cursor:default}
.sr,:host([data-mode=collapsed][data-layout=wide]) .answers span{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
:host([data-mode=collapsed]) .panel{width:64px}
:host([data-mode=collapsed]) :is(.title,.act){display:none}
:host([data-mode=collapsed]) .session{flex:none;padding:0 9px}
:host([data-mode=collapsed][data-layout=wide]) :is(.caption,.who,dl){display:none}
:host([data-mode=collapsed][data-layout=wide]) .notes{padding:4px}
:host([data-mode=collapsed][data-layout=wide]) .note{padding:4px}
:host([data-mode=collapsed][data-layout=wide]) .answers{flex-direction:column;gap:4px;margin:0}
:host([data-mode=collapsed][data-layout=wide]) .answers button{padding:0}
:host([data-layout=narrow]){width:auto;height:auto}
:host([data-layout=narrow]) .panel{flex-direction:row;flex-wrap:wrap;width:auto;height:auto;border-right:0;border-bottom:1px solid var(--line)}
:host([data-layout=narrow]) ul{display:flex;flex:1;min-width:0;padding:0;scroll-padding-inline:32px}
@supports (animation-timeline:scroll()){:host([data-layout=narrow]) ul{mask:linear-gradient(90deg,#0000,#000 var(--l) calc(100% - var(--r)),#0000);animation:hint linear both;animation-timeline:scroll(self x)}}
@keyframes hint{from{--l:0px;--r:32px}4%,96%{--l:32px;--r:32px}to{--l:32px;--r:0px}}
:host([data-layout=narrow]) li{flex:none;max-width:260px;border-left:0;border-bottom:3px solid transparent}
:host([data-layout=narrow]) li:not(.current) :is(.title,.act){display:none}
:host([data-layout=narrow]) li:not(.current) .session{padding:0 10px}
:host([data-layout=narrow]) li.current{border-bottom-color:var(--a)}
:host([data-layout=narrow]) .session{min-height:56px;padding-left:12px}
:host([data-layout=narrow]) .notes{flex-basis:100%;padding-top:0}
.layer{position:fixed;inset:0;z-index:2147483647;display:grid;place-items:center;padding:16px;background:rgba(0,0,0,.4)}
.dialog{width:min(380px,100%);padding:20px;border-radius:8px;background:var(--s);color:var(--fg);box-shadow:0 8px 32px rgba(0,0,0,.3)}
.dialog h2{margin:0 0 8px;font-size:16px}
.dialog p{margin:0 0 20px;overflow-wrap:anywhere}
.buttons{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px}
.buttons button{min-height:32px;padding:0 14px;border:1px solid var(--line);border-radius:4px;font-weight:600}
@media (forced-colors:active){li.current{border-color:Highlight}.badge,.mark{border:1px solid CanvasText}}
`;

/**
 * Gives the shadow root the stylesheet: a constructed sheet where the browser has them (a
 * page whose Content-Security-Policy forbids inline styles still allows those), else a
 * `<style>` element.
 */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}
