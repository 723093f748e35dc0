// cvsite: the search page. Its index (search.json, the site's own file) is loaded when it is
// first needed: as the visitor types, or for a query in the address (?q=...). Every word typed
// must begin a word of an entry, case and accents aside; a word of the title counts most.
// Chinese and Japanese are written without spaces: a term in those scripts may be anywhere.
(() => {
  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  // What the page says, in the site's language (search.html).
  const d = form.dataset;
  const say = {
    results: d.results || "Results: {count}",
    none: d.none || "Nothing found.",
    loading: d.loading || "Loading…",
    failed: d.failed || "The search index could not be loaded.",
  };
  const spaceless = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = (s) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let index = null;
  let loading = null;
  const load = () =>
    (loading ??= fetch(form.dataset.index)
      .then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then((entries) => {
        index = entries.map((e) => {
          const [title, rest] = [e.t, `${e.m} ${e.x}`];
          return { e, title: words(title), rest: words(rest), text: [fold(title), fold(rest)] };
        });
      }));
  const score = (item, terms) => {
    let total = 0;
    for (const term of terms) {
      const inTitle = spaceless.test(term)
        ? item.text[0].includes(term)
        : item.title.some((w) => w.startsWith(term));
      const inRest = spaceless.test(term)
        ? item.text[1].includes(term)
        : item.rest.some((w) => w.startsWith(term));
      if (inTitle) total += 3;
      else if (inRest) total += 1;
      else return 0;
    }
    return total;
  };
  const show = (query) => {
    const terms = words(query);
    list.replaceChildren();
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    const hits = index
      .map((item, i) => [score(item, terms), i, item.e])
      .filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    status.textContent = hits.length ? say.results.replace("{count}", hits.length) : say.none;
    for (const [, , e] of hits.slice(0, 100)) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t;
      const kind = document.createElement("span");
      kind.className = "badge";
      kind.textContent = e.k;
      li.append(a, " ", kind);
      if (e.m) {
        const meta = document.createElement("div");
        meta.className = "search-meta";
        meta.textContent = e.m;
        li.append(meta);
      }
      list.append(li);
    }
  };
  const run = () => {
    const q = input.value;
    history.replaceState(null, "", q ? `?q=${encodeURIComponent(q)}` : location.pathname);
    if (index) return show(q);
    status.textContent = say.loading;
    load()
      .then(() => show(input.value))
      .catch(() => {
        loading = null;
        status.textContent = say.failed;
      });
  };
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    run();
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    run();
  }
})();
