// How the end-to-end classes share this 2-core machine. Classes whose runs are mostly waiting (a CLI starting, a
// refused input, a report rendered) are [Parallelizable]: two of them run at once. Classes that audit
// many pages, every reader of the shared four-phase run (SharedRuns), and those that time pages out or pace them on
// purpose are [NonParallelizable]: run beside anything else they starve for CPU and their pages time out (tried with
// three at once: the hostile pages and the shared run's clicks failed; with two, the 5 s and 10 s page timeouts).
[assembly: LevelOfParallelism(2)]
