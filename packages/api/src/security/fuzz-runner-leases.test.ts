import { fuzzRunnerEndpoints } from "./fuzz-runner-harness";

fuzzRunnerEndpoints(["renew lease", "submit result"]);
