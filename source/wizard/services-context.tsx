// How the steps reach the service layer, the Atlas session (the verified keys) and the session's
// cancel signal without importing them or having them passed down through every step's props.
import React, {createContext, useContext, useMemo, type ReactNode} from 'react';
import type {Connection, WizardServices} from './services.js';

type WizardContextValue = {
	services: WizardServices;
	/** Aborted on Ctrl-C: every request in flight stops and nothing more is sent. */
	signal: AbortSignal;
	/** The keys the credentials step verified; absent until then. */
	connection?: Connection;
};

const WizardContext = createContext<WizardContextValue | undefined>(undefined);

export function WizardServicesProvider({services, signal, connection, children}: WizardContextValue & {children: ReactNode}) {
	const value = useMemo(() => ({services, signal, ...(connection ? {connection} : {})}), [services, signal, connection]);
	return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}

export function useWizardContext(): WizardContextValue {
	const value = useContext(WizardContext);
	if (!value) throw new Error('useWizardContext: no WizardServicesProvider above this component');
	return value;
}

/** For the steps after the key step: the services with the verified keys they act with. */
export function useAtlasSession(): WizardContextValue & {connection: Connection} {
	const value = useWizardContext();
	if (!value.connection) throw new Error('useAtlasSession: no verified keys yet (a step after the key step was shown before it)');
	return value as WizardContextValue & {connection: Connection};
}
