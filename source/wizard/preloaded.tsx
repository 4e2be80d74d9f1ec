// A component whose module loads after the first frame (the first-frame budget: only the key step is
// needed to draw it), yet is normally there before it is first shown: `preload()` starts the import
// (the wizard calls it once its first frame is out) and a render before it lands suspends on the same
// promise (React's `use`), so the nearest Suspense boundary shows its fallback for that moment only.
// Unlike React.lazy, a component whose module has loaded renders at once, without a suspended pass.
import React, {use, type ComponentType} from 'react';

export type Preloaded<P> = ComponentType<P> & {preload(): Promise<void>};

export function preloaded<P extends object>(load: () => Promise<ComponentType<P>>): Preloaded<P> {
	let loaded: ComponentType<P> | undefined;
	let pending: Promise<void> | undefined;
	// One promise for every caller: `use` must see the same one on each render until it settles.
	const start = (): Promise<void> => {
		pending ??= load().then(component => {
			loaded = component;
		});
		return pending;
	};

	function Preloaded(props: P) {
		if (loaded === undefined) use(start());
		const Component = loaded!;
		return <Component {...props} />;
	}

	return Object.assign(Preloaded, {preload: async () => start()});
}
