using Checker.Bench;

return args.FirstOrDefault() switch
{
    "naeb" => await AttributionBenchmark.RunAsync(args.Skip(1).ToArray()),
    "dates" => await DatesBenchmark.RunAsync(args.Skip(1).ToArray()),
    "rank-dates" => await DateRankerExperiment.RunAsync(args.Skip(1).ToArray()),
    "scale" => await ScaleBenchmark.RunAsync(args.Skip(1).ToArray()),
    "floor" => await FloorBenchmark.RunAsync(args.Skip(1).ToArray()),
    "peer" => await PeerBenchmark.RunAsync(args.Skip(1).ToArray()),
    "report" => await ReportBenchmark.RunAsync(args.Skip(1).ToArray()),
    "serve" => await ScaleBenchmark.ServeAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench <benchmark> [options]\n  naeb [--data DIR] [--out DIR] [--timeout S] [--only ID,ID] [--verbose]   author/date accuracy on the labelled news pages of ../shared/data/naeb-dev\n  dates [--data DIR] [--out DIR] [--half look|held-out] [--only URLS-FILE] [--redecide DIR] [--previous TSV] [--concurrency N]   publication-date accuracy on the hand-labelled pages of ../shared/data/htmldate-dev, per half\n  rank-dates --from RUN-DIR [--folds N] [--naeb NAEB-RUN-DIR] [--held-out] [--verbose] [--all-days] [--l2 X] [--epochs N] [--write FILE]   the publication-day ranker: cross-validation on htmldate-dev's look half from a dates run's candidates; --write trains it on the whole look half\n  scale [--pages N] [--concurrency 1,2,4] [--phases LIST] [--max-visits N] [--crawl] [-- CHECKER-OPTIONS]   speed and memory on a generated N-page site; --crawl: crawl it, kill the run halfway, resume, check nothing is lost or redone\n  floor [--visits N] [--phases LIST]   what the browser alone costs per visit (context, page, load, screenshot) and the pages/min ceiling that sets on this machine\n  peer [--sites N] [--pages N] [--concurrency N] [--isolation site|page]   Checker and the npm peer gdpr-cookie-scanner side by side on the same pages (run it as bench/peer)\n  report --from RUN-FOLDER [--out DIR] [--screenshot PNG]   the HTML report of a saved run: size, pictures, render time, time to open in Chromium\n  serve   the end-to-end fixture web, for trying a fixture site by hand (prints the --host-resolver-rules to use)");
    return 2;
}
