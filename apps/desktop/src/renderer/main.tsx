import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppErrorBoundary } from './app/AppErrorBoundary';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

// No <StrictMode>: its double-run effects would open and close sync leases and Lexical
// collaboration bindings twice, which are real connections, not idempotent renders.
createRoot(container).render(
  <AppErrorBoundary>
    <App />
  </AppErrorBoundary>,
);
