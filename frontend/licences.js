// Prints the licence of every npm package an esbuild metafile says was bundled (argv[2]): name,
// version, licence name, then the package's own licence file.
const fs = require("fs");
const path = require("path");

const meta = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// Package directory -> name; the last node_modules/ of a path is the package a file belongs to.
const packages = new Map();
for (const input of Object.keys(meta.inputs)) {
  const index = input.lastIndexOf("node_modules/");
  if (index < 0) continue;
  const parts = input.slice(index + "node_modules/".length).split("/");
  const name = parts[0].startsWith("@") ? parts[0] + "/" + parts[1] : parts[0];
  packages.set(input.slice(0, index) + "node_modules/" + name, name);
}
const sections = [];
for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const file = fs.readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(entry));
  const text = file
    ? fs.readFileSync(path.join(dir, file), "utf8").trim()
    : `(The package ships no licence file; its package.json declares the ${manifest.license} licence` +
      (manifest.author ? `, author ${JSON.stringify(manifest.author)}` : "") + ".)";
  sections.push(`${name} ${manifest.version} (${manifest.license})\n${"=".repeat(40)}\n${text}\n`);
}
process.stdout.write(sections.join("\n"));
