// cvsite live reload: injected into pages by `cvsite serve` only, never into a build.
(() => {
  const state = __CVSITE_STATE__;
  const key = "cvsite-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    if (document.readyState === "complete") restore();
    else addEventListener("load", restore);
  }

  let overlay = null;
  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function show(errors) {
    hide();
    if (!errors || errors.length === 0) return;
    overlay = document.createElement("div");
    overlay.id = "cvsite-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(24,24,28,.95);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    const title = document.createElement("h2");
    title.textContent = "cvsite: the site did not build";
    title.style.cssText = "margin:0 0 1rem;font:600 20px/1.3 system-ui,sans-serif;color:#fca5a5";
    overlay.append(title);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#0b0b0d;border-radius:6px";
      const where = e.file ? `${e.file}:${e.line}:${e.column}: ` : "";
      pre.textContent = where + e.message + (e.help ? `\nhelp: ${e.help}` : "");
      overlay.append(pre);
    }
    const note = document.createElement("p");
    note.textContent = "The page behind this shows the last good build. Fix the file and save: this page updates by itself.";
    note.style.cssText = "font-family:system-ui,sans-serif;color:#d4d4d8";
    overlay.append(note);
    document.body.append(overlay);
  }
  // Warnings of a good build (broken links): a panel at the bottom, closed with its button.
  function warn(warnings) {
    const old = document.getElementById("cvsite-warnings");
    if (old) old.remove();
    if (!warnings || warnings.length === 0 || overlay) return;
    const panel = document.createElement("div");
    panel.id = "cvsite-warnings";
    panel.setAttribute("role", "status");
    panel.style.cssText =
      "position:fixed;left:0;right:0;bottom:0;z-index:2147483646;max-height:40vh;overflow:auto;" +
      "padding:.75rem 1rem;background:#fffbeb;color:#451a03;border-top:2px solid #d97706;" +
      "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    const close = document.createElement("button");
    close.textContent = "Close";
    close.style.cssText = "float:right;font:inherit";
    close.onclick = () => panel.remove();
    const title = document.createElement("strong");
    title.textContent = `cvsite: ${warnings.length} warning${warnings.length === 1 ? "" : "s"} (cvsite build --strict refuses them)`;
    panel.append(close, title);
    for (const w of warnings) {
      const line = document.createElement("div");
      const where = w.file ? `${w.file}:${w.line}:${w.column}: ` : "";
      line.textContent = where + w.message;
      panel.append(line);
    }
    document.body.append(panel);
  }

  function reload() {
    sessionStorage.setItem(key, JSON.stringify([scrollX, scrollY]));
    location.reload();
  }

  const first = () => {
    show(state.errors);
    warn(state.warnings);
  };
  if (document.body) first();
  else addEventListener("DOMContentLoaded", first);

  function connect() {
    const events = new EventSource(state.endpoint);
    events.addEventListener("hello", (ev) => {
      const now = JSON.parse(ev.data);
      if (now.build !== state.build && now.build !== "") reload();
      else {
        show(now.errors);
        warn(now.warnings);
      }
    });
    events.addEventListener("reload", () => reload());
    events.addEventListener("errors", (ev) => show(JSON.parse(ev.data)));
    // EventSource reconnects by itself; if the browser gave up, start again.
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }
  connect();
})();
