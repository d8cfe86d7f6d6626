import type { CasefileBridge } from '../../shared/bridge';
import { createWebBridge } from './webBridge';

/** The desktop app's preload sets window.casefile; in a browser the web implementation stands in. */
export const casefile: CasefileBridge = window.casefile ?? createWebBridge();
