// Flags for Debian's Chromium on machines whose network reaches only package registries (see
// ../shared/E2E.md): headless, no sandbox as root, and none of the background connections that this
// machine's closed network refuses.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
