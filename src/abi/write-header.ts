/**
 * `npm run gen:abi`: rewrites the committed C header from the TypeScript definitions.
 * A build tool, run from the repository root; the compiler itself never writes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABI_HEADER_PATH, generateAbiHeader } from './c-header.js';

const root = join(import.meta.dirname, '..', '..', '..');
writeFileSync(join(root, ABI_HEADER_PATH), generateAbiHeader());
console.log(`wrote ${ABI_HEADER_PATH}`);
