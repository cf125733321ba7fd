// How the end-to-end classes share this 2-core machine. Classes whose runs are mostly waiting (a CLI starting, a
// page's timeout, a pacing delay, a refused input) are [Parallelizable]: two of them run at once. Classes that audit
// many pages, and every reader of the shared four-phase run (SharedRuns), are [NonParallelizable]: run beside
// anything else they starve for CPU and their pages time out (tried with three at once: the hostile pages and the
// shared run's clicks failed).
[assembly: LevelOfParallelism(2)]
