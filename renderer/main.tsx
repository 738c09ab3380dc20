/** Renderer entry: the same bundle runs in Electron (preload bridge) and in a browser (web mode). */
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { warmSchemas } from './warm-schemas';
import './theme/tokens.css';
import './styles.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
setTimeout(warmSchemas, 0);
