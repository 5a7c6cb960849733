/** Gives components the page's store; they read one value at a time through `useAppState`. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { translate, type Translate } from '../i18n/index.ts';
import type { AppState, AppStore } from '../store/index.ts';

/** React context carrying the page's store; provided once by `main.tsx`. */
export const StoreContext = createContext<AppStore | null>(null);

/** The page's store itself, for components that dispatch events or hand it to the map controller. */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <StoreContext value={store}>');
  return store;
}

/** Reads one value of the store, re-rendering only when that value changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** The translate function of the chosen language. */
export function useT(): Translate {
  return translate(useAppState((state) => state.language));
}
