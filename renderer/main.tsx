/** Renderer entry. A placeholder until the desktop UI lands. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App(): React.JSX.Element {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Tandem</h1>
      <p>The desktop UI is on its way. Meanwhile, run the agent server headless: <code>npx tandem app-server</code>.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
