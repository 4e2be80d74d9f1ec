// Registered by test/run.mjs (`--import`): the tests run the source through tsx, so the input
// libraries get here the same patches the build applies (source/bundle/input-patches.mjs).
import {register} from 'node:module';

register('./input-patches-hooks.mjs', import.meta.url);
