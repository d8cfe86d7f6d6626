export * from './caseDocument.js';
export * from './errors.js';
export * from './ids.js';
export * from './workspaceDocument.js';
