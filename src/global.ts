/**
 * The script-tag entry: everything the package root exports, as the global `OmnichannelSDK`.
 * @packageDocumentation
 */
export * from './index.js';
