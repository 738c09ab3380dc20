/** The engine the page is connected to (state/engine.ts), for the parts that differ on a non-Tandem engine. */
import { createContext, useContext } from 'react';
import { TANDEM_ENGINE, type EngineInfo } from '../state/engine';

export const EngineContext = createContext<EngineInfo>(TANDEM_ENGINE);

export function useEngine(): EngineInfo {
  return useContext(EngineContext);
}
