/** The product mark: a speech bubble in the accent colour (not WhatsApp's logo, which we may not use). */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M16 7.5c-4.97 0-9 3.5-9 7.9 0 2.3 1.1 4.4 2.9 5.8l-.9 3.8 4.1-2.1c.9.25 1.9.38 2.9.38 4.97 0 9-3.5 9-7.9S20.97 7.5 16 7.5Z"
        fill="#fff"
      />
      <path d="M12 14.5h8M12 17.5h5" stroke="var(--accent)" strokeWidth="1.75" strokeLinecap="round" />
    </svg>
  );
}
