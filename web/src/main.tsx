/** Entry point of the dashboard: mounts the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { detectRenderer } from './graph/sigma-host.js';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
detectRenderer();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
