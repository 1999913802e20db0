#!/usr/bin/env node
// Compiles resources/contracts/*.sol with the pinned solc-js into resources/contracts/build/<Name>.json
// ({contractName, abi, bytecode, deployedBytecode}). Usage: node scripts/compile_contracts.js [outDir]
// The output is deterministic, so tests recompile into a temp dir and compare with what is committed.
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

// The oldest fork among the chains we deploy to: no PUSH0 (Shanghai) or MCOPY (Cancun) opcodes.
const EVM_VERSION = "paris";
const root = path.resolve(__dirname, "..");
const srcDir = path.join(root, "resources", "contracts");
const outDir = path.resolve(process.argv[2] || path.join(srcDir, "build"));

function findImport(importPath) {
  const candidate = path.join(root, "node_modules", importPath);
  if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, "utf8") };
  return { error: `import not found: ${importPath} (run npm ci)` };
}

const sources = {};
for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(srcDir, file), "utf8") };
}
const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    const artifact = {
      contractName: name,
      compiler: `solc ${solc.version()}`,
      evmVersion: EVM_VERSION,
      abi: contract.abi,
      bytecode: "0x" + contract.evm.bytecode.object,
      deployedBytecode: "0x" + contract.evm.deployedBytecode.object,
    };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact, null, 2) + "\n");
    console.log(`compiled ${name}`);
  }
}
