/** Renderer entry: the same bundle runs in Electron (preload bridge) and in a browser (web mode). */
import { initTheme } from './theme/theme';
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { warmSchemas } from './warm-schemas';
import './theme/tokens.css';
import './theme/base.css';
import './styles.css';

// The theme is on <html> before anything renders (no flash of the wrong one).
initTheme();

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
setTimeout(warmSchemas, 0);
