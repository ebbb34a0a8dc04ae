// Headless Debian Chromium through playwright-core (no browser download: these machines reach only
// npm and apt). Without the background-networking flags Chromium keeps trying hosts a closed network
// refuses; running as root needs --no-sandbox.
import { chromium } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // Without this, Chromium asks for permission before a page on 127.0.0.1 may talk to 127.0.0.1.
  '--disable-features=LocalNetworkAccessChecks',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}
