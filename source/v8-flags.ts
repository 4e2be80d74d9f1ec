// V8 settings that keep an interactive run small, set by bin.ts before the program is compiled (the
// program's code cache must see the same flags every time). V8 reads each of them when it next needs
// it, so setting them at run time works. Peak RSS of a whole demo run went from about 100 MB to
// about 66 MB (bench/README.md has the figures):
// - the young generation keeps its size instead of growing up to 16 MB per semi-space: a few more,
//   shorter scavenges, about 8 MB less resident memory;
// - WebAssembly (yoga's layout, undici's HTTP parser) stays on its baseline code: optimising
//   llhttp's parser in the background took about 20 MB for a moment and gains nothing here;
// - no optimising JIT for JavaScript: nothing here runs long enough to profit from it, and its
//   compile jobs cost about 8 MB on V8's worker threads.
import {setFlagsFromString} from 'node:v8';

export function applyMemoryFlags(): void {
	for (const flag of ['--semi-space-growth-factor=1', '--wasm-tiering-budget=2000000000', '--no-opt']) setFlagsFromString(flag);
}
