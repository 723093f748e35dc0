// cvsite: progressive enhancement of the publication pages. Without JavaScript the filter links
// lead to pre-built filtered pages and the BibTeX can be downloaded; with it, filters apply in
// place and the BibTeX can be copied.
(() => {
  const nav = document.querySelector(".filters");
  if (nav) {
    const pubs = [...document.querySelectorAll("li.pub")];
    const apply = (filter) => {
      const [what, key] = filter ? filter.split(":") : ["", ""];
      for (const li of pubs) {
        const keep = !what || (what === "type" ? li.dataset.type === key : li.dataset.tags.split(" ").includes(key));
        li.hidden = !keep;
      }
      for (const section of document.querySelectorAll(".year-group")) {
        section.hidden = !section.querySelector("li.pub:not([hidden])");
      }
      // The legend explains only the marks the papers left in view carry.
      const legend = document.querySelector("p.legend");
      if (legend) {
        const shown = new Set();
        for (const sup of document.querySelectorAll("li.pub:not([hidden]) .pub-authors sup.mark")) shown.add(sup.textContent);
        for (const span of legend.querySelectorAll("[data-mark]")) span.hidden = !shown.has(span.dataset.mark);
        legend.hidden = !legend.querySelector("[data-mark]:not([hidden])");
      }
      for (const a of nav.querySelectorAll("a")) {
        if (a.dataset.filter === filter) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
    };
    // Filtering in place needs every publication on the page: only on the full list.
    const full = nav.querySelector('a[data-filter=""]');
    if (full && full.getAttribute("aria-current") === "page") {
      nav.addEventListener("click", (ev) => {
        const a = ev.target.closest("a[data-filter]");
        if (!a || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
        ev.preventDefault();
        apply(a.dataset.filter);
        history.replaceState(null, "", a.dataset.filter ? "#" + a.dataset.filter : location.pathname);
      });
      if (location.hash.length > 1) apply(decodeURIComponent(location.hash.slice(1)));
    }
  }

  for (const button of document.querySelectorAll("button[data-copy]")) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copy).innerText;
      const status = button.parentElement.querySelector(".copied");
      try {
        await navigator.clipboard.writeText(text);
        if (status) status.textContent = button.dataset.copied || "Copied.";
      } catch {
        if (status) status.textContent = button.dataset.failed || "Select the text and copy it.";
      }
    });
  }
})();
