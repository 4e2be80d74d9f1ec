// Types for input-patches.mjs (a plain module: esbuild.config.mjs imports it as it is).
export type Replace = (source: string, before: string | RegExp, after: string) => string;
export function checkedReplace(path: string, name: string): Replace;
export const inputPatches: Array<{name: string; filter: RegExp; edit(source: string, replace: Replace): string}>;
