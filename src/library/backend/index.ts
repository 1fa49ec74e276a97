// TF.js backend choice: native tensorflow, then wasm, then cpu, judged by a real op.
export { useBackend, backendInfo, probeBackends, summarise, BACKEND_ENV_VAR, type UseBackendOptions } from './choose';
export { BACKEND_ORDER, type BackendName, type BackendAttempt, type BackendInfo } from './types';
