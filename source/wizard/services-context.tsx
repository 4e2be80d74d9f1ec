// How the steps reach the service layer (and the session's cancel signal) without importing it.
import React, {createContext, useContext, type ReactNode} from 'react';
import type {WizardServices} from './services.js';

type WizardContextValue = {
	services: WizardServices;
	/** Aborted on Ctrl-C: every request in flight stops and nothing more is sent. */
	signal: AbortSignal;
};

const WizardContext = createContext<WizardContextValue | undefined>(undefined);

export function WizardServicesProvider({services, signal, children}: WizardContextValue & {children: ReactNode}) {
	return <WizardContext.Provider value={{services, signal}}>{children}</WizardContext.Provider>;
}

export function useWizardContext(): WizardContextValue {
	const value = useContext(WizardContext);
	if (!value) throw new Error('useWizardContext: no WizardServicesProvider above this component');
	return value;
}
