using Checker.Sites;

namespace Checker.EndToEnd.Tests;

/// <summary>
/// The local fixture web for the whole assembly: publisher and tracker sites under *.test host names, served over
/// HTTPS by one in-process server. Chromium reaches them through --host-resolver-rules.
/// </summary>
[SetUpFixture]
public sealed class FixtureWeb
{
    private static FixtureWebServer? _server;

    public static FixtureWebServer Server => _server ?? throw new InvalidOperationException("fixture web not started");

    /// <summary>The options every audit of the fixture web needs.</summary>
    public static string[] AuditOptions =>
        ["--host-resolver-rules", Server.HostResolverRules("test"), "--ignore-https-errors"];

    /// <summary>`checker audit ARGS` of the fixture web into a new output folder: the folder and the run.</summary>
    public static async Task<(string Output, CliResult Run)> AuditAsync(params string[] args)
    {
        var output = Cli.NewOutputFolder();
        return (output, await Cli.RunAsync(["audit", .. args, "--out", output, .. AuditOptions]));
    }

    /// <summary>
    /// The Public Suffix List with news.test added, as its private section adds hosting platforms (github.io,
    /// blogspot.com): for a run that treats each *.news.test publisher as a site of its own, as the report's overview
    /// groups sites by registrable domain. Written once into the run's folder.
    /// </summary>
    public static string PublicSuffixListWithFixturePublishers => FixturePsl.Value;

    private static readonly Lazy<string> FixturePsl = new(() =>
    {
        var installed = Checker.Core.Domains.PublicSuffixList.FindInstalled()
                        ?? throw new InvalidOperationException("no Public Suffix List installed (scripts/setup installs it)");
        var path = Path.Combine(Cli.NewOutputFolder(), "public_suffix_list.dat");
        File.WriteAllText(path, File.ReadAllText(installed) + "\n// The fixture web: each *.news.test host is a publisher of its own.\nnews.test\n");
        return path;
    });

    /// <summary>
    /// npm.cdn.test serves the packages of web/package.json (real consent libraries), as a public CDN would.
    /// They are installed in the source folder by the test project's build (npm ci), and served from there.
    /// </summary>
    public static string NodeModules
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Checker.EndToEnd.Tests", "web", "node_modules");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("tests/Checker.EndToEnd.Tests/web/node_modules: build the test project (it runs npm ci)");
        }
    }

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await FixtureWebServer.StartAsync(new DirectorySiteSource(Path.Combine(AppContext.BaseDirectory, "Sites"),
            new Dictionary<string, string> { ["npm.cdn.test"] = NodeModules }));
        SharedRuns.StartEarly();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        Cli.StopAll();
        if (_server is not null) await _server.DisposeAsync();
        if (!Cli.RunFolderCreated) return;
        // Kept when a test failed, so its reports and evidence can be read.
        if (TestContext.CurrentContext.Result.FailCount > 0)
            TestContext.Progress.WriteLine($"test output kept in {Cli.RunFolderPath}");
        else
            Directory.Delete(Cli.RunFolderPath, recursive: true);
    }
}
