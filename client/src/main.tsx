import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import './i18n';
import { App } from './App';
import { applyStoredPrefs } from './lib/prefs';
import { pathFromLegacyHash } from './lib/route';
import './styles.css';

applyStoredPrefs();

// Links from before path URLs (#/c/<id>/...) open the same page at its path.
const legacy = pathFromLegacyHash(window.location.hash);
if (legacy) window.history.replaceState(null, '', legacy);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
