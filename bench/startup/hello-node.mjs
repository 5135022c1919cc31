// hello-node.mjs: hello.wasm under node, as a user would run a WASI command with node:wasi
// (default V8 flags; node 20 warns on stderr that WASI is experimental).
//   node bench/startup/hello-node.mjs [FILE.wasm]      (default: hello.wasm next to this file)
import { readFile } from 'node:fs/promises';
import { argv, env } from 'node:process';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const file = argv[2] ?? fileURLToPath(new URL('hello.wasm', import.meta.url));
const wasi = new WASI({ version: 'preview1', args: [file], env, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(await readFile(file), wasi.getImportObject());
process.exitCode = wasi.start(instance);
