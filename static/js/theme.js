// cvsite: the light/dark/system switch (README, "Changing the look"). <head> applies the kept choice.
(() => {
  const root = document.documentElement;
  const item = document.querySelector(".theme-item");
  if (!item) return;
  const button = item.querySelector("button");
  const names = { system: "as the system's", light: "light", dark: "dark" };
  const show = () => {
    const mode = (button.dataset.mode = root.dataset.theme || "system");
    button.setAttribute("aria-label", `Colour theme: ${names[mode]}`);
  };
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
