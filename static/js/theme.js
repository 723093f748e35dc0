// cvsite: the light/dark/system switch (README, "Changing the look"). <head> applies the kept choice.
(() => {
  const root = document.documentElement;
  const item = document.querySelector(".theme-item");
  if (!item) return;
  const button = item.querySelector("button");
  // The switch's name and the themes' names, in the site's language (base.html).
  const label = button.getAttribute("aria-label") || "Colour theme";
  const [system, light, dark] = (button.dataset.names || "system|light|dark").split("|");
  const names = { system, light, dark };
  // giscus's comments (comments: in cvsite.yaml) follow the switch: told when they load, and on
  // every change.
  const giscus = (mode) =>
    document
      .querySelector("iframe.giscus-frame")
      ?.contentWindow.postMessage({ giscus: { setConfig: { theme: mode === "system" ? "preferred_color_scheme" : mode } } }, "https://giscus.app");
  const show = () => {
    const mode = (button.dataset.mode = root.dataset.theme || "system");
    button.setAttribute("aria-label", `${label}: ${names[mode]}`);
    giscus(mode);
  };
  addEventListener("message", function first(e) {
    if (e.origin !== "https://giscus.app") return;
    removeEventListener("message", first);
    giscus(button.dataset.mode);
  });
  button.addEventListener("click", () => {
    const next = { system: "light", light: "dark", dark: "system" }[button.dataset.mode];
    if (next === "system") delete root.dataset.theme;
    else root.dataset.theme = next;
    try {
      if (next === "system") localStorage.removeItem("cvsite-theme");
      else localStorage.setItem("cvsite-theme", next);
    } catch {}
    show();
  });
  show();
})();
