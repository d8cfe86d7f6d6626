import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannel, bridgeMethods, type CasefileBridge } from '../shared/bridge.js';

// The renderer gets exactly the contract's functions, each a plain invoke on its channel; main
// checks the sender and the arguments. No ipcRenderer, no Node, nothing else crosses.
const casefile = Object.fromEntries(
  bridgeMethods.map((method) => [method, (args: unknown) => ipcRenderer.invoke(bridgeChannel(method), args)]),
) as unknown as CasefileBridge;

contextBridge.exposeInMainWorld('casefile', casefile);
