import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Chat } from './chat.js';
import 'kustomer-escalation/react/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Chat />
  </StrictMode>,
);
