/** A simple "K" mark for the Kustomer header; decorative, the heading names the integration. */
export function KustomerMark() {
  return (
    <svg className="mark" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
      <rect width="40" height="40" rx="10" fill="#1d2330" />
      <path d="M13 10h5v8.5L25.5 10h6l-8.2 9.6L32 30h-6.2l-6-7.6-1.8 2V30h-5z" fill="#fff" />
    </svg>
  );
}
