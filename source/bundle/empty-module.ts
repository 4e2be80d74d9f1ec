// Stands in for optional modules kept out of the bundle (see esbuild.config.mjs).
export default {};
