import { Chat } from './chat';

export default function Page() {
  return (
    <main>
      <h1>Acme chat</h1>
      <Chat />
    </main>
  );
}
