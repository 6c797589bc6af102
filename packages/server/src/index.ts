export { runNode, type RunningNode, type NodeDependencies } from './node-runner.js';
export { parseNodeConfig, parseMembers, ConfigError, type NodeConfig } from './config.js';
export { createHttpApi, sendJson, type RawHandler, type HttpApiOptions } from './http/api.js';
export { Router, type ApiRequest, type ApiResponse, type Handler } from './http/router.js';
export { HttpError, toHttpError } from './http/errors.js';
export { BUILT_IN_APPS, loadApp } from './apps/index.js';
export type { ServerApp } from './apps/app.js';
