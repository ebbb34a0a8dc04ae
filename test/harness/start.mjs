// `npm start`: VS Code Server with Loss Lens under development and the sample workspace, for trying
// the extension in a browser. Port from PORT (default 8080, or a free one if 8080 is taken).
// Ctrl+C stops the server. Reload the browser tab after `npm run build` to pick up changes.
import { join } from 'node:path';
import { portOrFree, repoRoot, startServer, workbenchUrl } from './server.mjs';

const workspace = join(repoRoot, 'test', 'sample-workspace');
const port = await portOrFree(Number(process.env.PORT || 8080));
const server = await startServer({ workspace, port, debugAdapter: true });
const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot });
console.log(`Loss Lens is running in VS Code Server (pid ${server.pid}). Open:\n\n  ${url}\n\nCtrl+C stops it.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping VS Code Server (pid ${server.pid})...`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
void server.exited.then((code) => {
  if (stopping) return;
  console.error(`VS Code Server exited unexpectedly (${code}):\n${server.log()}`);
  process.exit(1);
});
