import { fuzzRunnerEndpoints } from "./fuzz-runner-harness";

fuzzRunnerEndpoints(["register instance", "claim"]);
