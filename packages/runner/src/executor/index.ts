export { DEFAULT_BLOCKED_HOSTS } from "./blocked-hosts";
export {
  CollectionFileError,
  executeCollectionFile,
  LOCAL_RUN_OPTIONS,
  loadCollectionFile,
  loadEnvironmentFile,
  type CollectionFileRun,
} from "./collection-files";
export { executeJob, type ExecutableJob, type ExecuteJobOptions } from "./execute-job";
export { SECRET_MASK } from "./sanitize-result";
