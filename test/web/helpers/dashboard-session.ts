// One demo server and one browser for a browser-test file: `useDashboard()` registers the
// beforeAll/afterAll that start and stop them and returns how to open a page of the dashboard and
// keep its screenshot in test/artifacts/web/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage, type Browser, type WatchedPage } from './browser.js';
import { ROOT, startDemoServer, type DemoServer, type DemoServerOptions } from './serve-demo.js';

export const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'web');

export interface DashboardSession {
  /** The dashboard's URL with `search` (`''`, `'?view=findings'` …). */
  url: (search: string) => string;
  /** A new watched page, not yet navigated (to set up routes first). */
  blank: () => Promise<WatchedPage>;
  /** A new watched page at `url(search)`. */
  open: (search: string) => Promise<WatchedPage>;
  /** Saves a screenshot of the page as test/artifacts/web/NAME.png. */
  shot: (watched: WatchedPage, name: string) => Promise<void>;
}

export interface DashboardOptions {
  /** Arguments after `serve --demo` (computed when the server starts). */
  args?: () => string[];
  server?: DemoServerOptions;
}

/** Call once at the top of a test file. */
export function useDashboard(options: DashboardOptions = {}): DashboardSession {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startDemoServer(options.args?.() ?? [], undefined, options.server);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = (): { server: DemoServer; browser: Browser } => {
    if (server === undefined || browser === undefined)
      throw new Error('useDashboard(): the demo server or the browser did not start');
    return { server, browser };
  };
  const session: DashboardSession = {
    url: (search) => `${started().server.url}/${search}`,
    blank: () => openPage(started().browser),
    async open(search) {
      const watched = await session.blank();
      await watched.page.goto(session.url(search));
      return watched;
    },
    async shot(watched, name) {
      await watched.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    },
  };
  return session;
}
