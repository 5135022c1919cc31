/**
 * link: lays out one module's compiled functions in one `.text` with every call between
 * them resolved, builds the descriptor, the symbols and the `.eh_frame`, and writes the
 * ELF object; also the module's C header and the mangling of wasm names to C identifiers.
 */
export { linkObject } from './link.js';
export { buildObject, type DescriptorEncoder, type LinkOptions } from './object.js';
export { FUNCTION_ALIGN, PADDING_BYTE, layoutText, type PlacedCode, type TextLayout } from './text.js';
export { generateModuleHeader } from './c-header.js';
export { RESERVED_EXPORT_NAMES, demangle, isCIdentifier, mangleExportName, mangleIdentifier, prefixFromFileName } from './mangle.js';
export { encodeDescriptor, type DescriptorCode } from './descriptor.js';
